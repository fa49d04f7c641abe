"""Layout -> Plan: the pipeline in one readable function, `normalise`.

    slides   roles of the slides (title, highlights, legend, goal tables, other); goal-table slides
             read into grids, columns and rows
    legend   icon signatures -> statuses, from the deck's own legend (or by colour, with a warning)
    meta     plan title, year, region, focus period: from the slides' text, never the file name
    goals    goal tables joined over slides, rows into sub-goals, cells into statements
    plan     + the actors referenced, the source, and every warning met on the way

Nothing here imports pdfplumber or python-pptx: the input is a `lnhs_parse.layout.Document`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import cast

from lnhs_parse.codes import ColumnRole
from lnhs_parse.errors import NotAnEvaluationDeckError
from lnhs_parse.layout import Document, Line, Page, bbox_union, cut_by_tags
from lnhs_parse.normalise.actors import ActorRegistry
from lnhs_parse.normalise.columns import MULTI_ROLES, ColumnMap
from lnhs_parse.normalise.content import content_lines
from lnhs_parse.normalise.goals import Reading, build_goals, joined
from lnhs_parse.normalise.legend import Legend, block_text, default_legend, find_legend, text_blocks
from lnhs_parse.normalise.profile import (
    NO_COUNTY_PROFILE,
    Profile,
    load_profiles,
    packaged_profile,
    packaged_profile_for_region,
)
from lnhs_parse.normalise.roles import SlideRole, is_highlights_heading, slide_role
from lnhs_parse.normalise.scale import build_scale
from lnhs_parse.normalise.slides import GoalSlide, join_goal_slides, read_goal_slide
from lnhs_parse.normalise.text import (
    HEADER_VOCABULARY,
    deck_vocabulary,
    paragraphs,
    text_evidence,
)
from lnhs_parse.normalise.vocab import find_region, header_vocabulary, region_forms, use_profile
from lnhs_parse.normalise.warn import from_layout, warning
from lnhs_parse.records import (
    Actor,
    Goal,
    Highlight,
    Plan,
    Source,
    Statement,
    TableColumn,
    Warning,
)
from lnhs_parse.settings import LegendSettings, ParseOptions, SlideSettings

__all__ = ["deck_region", "normalise", "suggest_profile"]



def normalise(document: Document, options: ParseOptions | None = None) -> Plan:
    """Read a plan out of a deck's layout (`options.slides` and `options.legend` tune how).

    The vocabulary is the packaged one, then the packaged county profile of the region the deck
    names (Kymenlaakso's: `data/profiles/`), then the profiles of `options.profile` in order
    (docs/profiles.md); `--profile none` leaves the county profile out.
    """
    options = options or ParseOptions()
    document = cut_by_tags(document)  # a line holding two tagged paragraphs read as its pieces
    profile, names = read_profiles(document, options)
    with use_profile(profile):
        return _normalise(document, options, profile, names)


def read_profiles(document: Document, options: ParseOptions) -> tuple[Profile, list[str]]:
    """The merged profile a deck is read with, and the names of its parts (`Source.profiles`)."""
    given = [str(p) for p in options.profile if str(p) != NO_COUNTY_PROFILE]
    profile = load_profiles(given)
    county = None
    if NO_COUNTY_PROFILE not in (str(p) for p in options.profile):
        with use_profile(profile):
            county = packaged_profile_for_region(deck_region(document, options.slides))
    if county is not None and f"packaged:{county}" not in profile.sources:
        return packaged_profile(county).merged(profile), [county, *given]
    return profile, given


def deck_region(document: Document, settings: SlideSettings | None = None) -> str | None:
    """The region the deck names: on the first slide that names one (title, footers included)."""
    for page in document.pages:
        region = find_region(" ".join(ln.text for ln in page.lines))
        if region is not None:
            return region
    return None


def _normalise(
    document: Document, options: ParseOptions, profile: Profile, names: Sequence[str] = ()
) -> Plan:
    slides = options.slides
    registry = ActorRegistry.load(options.actors, profile)
    vocabulary = (
        deck_vocabulary(_all_texts(document))
        | HEADER_VOCABULARY
        | deck_vocabulary(profile.phrases)
    )
    evidence = text_evidence(document.pages, _names(registry))
    warnings = [from_layout(w) for w in document.warnings]

    # slides
    roles = {page.number: slide_role(page, slides) for page in document.pages}
    goal_slides = _read_goal_slides(document.pages, roles, warnings, slides)
    if not any(slide.rows for slide in goal_slides):
        raise NotAnEvaluationDeckError(_nothing_found(document, roles, slides), path=document.path)
    other_pages = [p for p in document.pages if roles[p.number] != "goal_table"]

    # legend
    goal_pages = [p for p in document.pages if roles[p.number] == "goal_table"]
    found_legend = find_legend(other_pages, vocabulary, options.legend, slides) or find_legend(
        goal_pages, vocabulary, options.legend, slides
    )
    legend: Legend = found_legend or default_legend()

    # title, year, region, focus period
    title, year_on_title = _read_title(other_pages, roles, vocabulary, slides)
    section = _read_section_title(other_pages, vocabulary, slides, options.legend)
    year = year_on_title or _section_year(section) or _status_header_year(goal_slides)
    if year is None:
        warnings.append(warning(code="no-year", message="no evaluation year found on the slides"))
    if not title:
        warnings.append(
            warning(code="no-title", message="no title slide with the plan's name found")
        )
    highlights = [
        h
        for p in other_pages
        if roles[p.number] == "highlights"
        for h in _read_highlights(p, vocabulary, slides)
    ]

    # goals
    ctx = Reading(registry, legend, vocabulary, evidence)
    goals = build_goals(join_goal_slides(goal_slides), ctx)
    if found_legend is None and ctx.reader.by_hue:
        warnings.append(
            warning(
                code="no-legend",
                message="no status legend found; status colours read by their hue "
                "(" + ", ".join(f"{lo:g}-{hi:g}°: {code}" for lo, hi, code in _hues()) + ")",
            )
        )
    warnings += ctx.warnings

    focus_period = _section_period(section) or next(
        (s.columns.period for s in goal_slides if s.columns and s.columns.period), None
    )
    region = find_region(title, section, *(s.heading_title for s in goal_slides))
    actor_ids = sorted({a for g in goals for a in _actors_of(g)})
    return Plan(
        source=Source(
            path=document.path,
            format=document.format,
            sha256=document.sha256,
            pages=document.page_count,
            profiles=list(names),
            engine=document.engine,
        ),
        region=region,
        title=title,
        year=year or 0,
        focus_period=focus_period,
        highlights=highlights,
        status_legend=list(legend.entries),
        status_scale=build_scale(legend.read or legend.entries, ctx.reader),
        columns=_columns(goal_slides, vocabulary),
        goals=goals,
        actors=[
            registry.actor_model(a) if a in registry else _new_actor(ctx.new_actors, a)
            for a in actor_ids
        ],
        warnings=warnings,
    )


def _hues() -> list[tuple[float, float, str]]:
    from lnhs_parse.normalise.vocab import scale_vocabulary

    return list(scale_vocabulary().hues)


def _new_actor(new: dict[str, Actor], actor_id: str) -> Actor:
    return new[actor_id]


def _actors_of(goal: Goal) -> Iterator[str]:
    """Every actor id a goal's statements and actions name."""
    actions = [*goal.actions, *(a for sg in goal.sub_goals for a in sg.actions)]
    statements: list[Statement] = [
        st
        for sg in goal.sub_goals
        for st in (
            *sg.focus_areas,
            *sg.joint_highlights,
            *(s for col in sg.other_columns for s in col.statements),
        )
    ]
    statements += [s for a in actions for col in a.other_columns for s in col.statements]
    for st in statements:
        yield from st.actors
    for action in actions:
        yield from action.actors
        yield from action.responsible


def _columns(goal_slides: list[GoalSlide], vocabulary: frozenset[str]) -> list[TableColumn]:
    """The columns of the first goal table read by its header row, headers as printed."""
    slide = next((s for s in goal_slides if s.columns and s.columns.from_header and s.grid), None)
    if slide is None or slide.columns is None or slide.grid is None:
        return []
    out: list[TableColumn] = []
    for key, col in sorted(slide.columns.columns.items(), key=lambda kv: kv[1]):
        cell = slide.grid.cell_at(0, col)
        header = joined(cell.lines, vocabulary, cell.bbox) if cell is not None else ""
        role = slide.columns.role(key)
        # columns of a role several may have file their content under the role; ColumnMap keeps
        # roles as str, all ColumnRole names (the model validates them)
        out.append(TableColumn(key=role if role in MULTI_ROLES else key,
                               role=cast(ColumnRole, role), header=header))
    return out


# --------------------------------------------------------------------------------------------------
# Steps


def _all_texts(document: Document) -> Iterator[str]:
    for page in document.pages:
        for line in page.lines:
            yield line.text
        for table in page.tables:
            for cell in table.cells:
                for line in cell.lines:
                    yield line.text


def _names(registry: ActorRegistry) -> Iterator[str]:
    """Proper names known before reading the deck: actors' names and aliases, region names."""
    for actor in registry:
        yield actor.name
        yield from actor.aliases
    yield from region_forms()


def _read_goal_slides(
    pages: tuple[Page, ...],
    roles: dict[int, SlideRole],
    warnings: list[Warning],
    settings: SlideSettings,
) -> list[GoalSlide]:
    """The goal-table slides: slides with a goal heading, and slides whose table is a goal table
    by its header row or continues the goal table of the slide before (their role becomes
    "goal_table")."""
    slides: list[GoalSlide] = []
    previous: ColumnMap | None = None
    last_page: int | None = None
    for page in pages:
        role = roles[page.number]
        if role not in ("goal_table", "other", "legend_section") or (
            role != "goal_table" and not page.tables
        ):
            continue
        continues = last_page is not None and page.number == last_page + 1
        slide = read_goal_slide(page, previous, settings, continues=continues)
        if slide is None:
            continue
        roles[page.number] = "goal_table"
        last_page = page.number
        warnings.extend(slide.warnings)
        # A slide without a header row takes its columns by position from the last slide that had
        # a header or found every column the slide before it had: a column left empty on a slide
        # gives no position to take.
        columns = slide.columns
        if columns is not None and (
            columns.from_header
            or previous is None
            or columns.columns.keys() >= previous.columns.keys()
        ):
            previous = columns
        slides.append(slide)
    return slides


def _nothing_found(
    document: Document, roles: dict[int, SlideRole], settings: SlideSettings
) -> str:
    counts: dict[str, int] = {}
    for role in roles.values():
        counts[role] = counts.get(role, 0) + 1
    found = ", ".join(
        f"{n} {role.replace('_', ' ')} slide(s)" for role, n in sorted(counts.items())
    )
    n_tables = sum(len(p.tables) for p in document.pages)
    words = "/".join(f"'{w.capitalize()}'" for w in header_vocabulary().goal_words[:3])
    what = (
        "goal headings but no goal table rows"
        if counts.get("goal_table")
        else f"no goal tables (no {words} heading nor column header over a table)"
    )
    if n_tables:
        from lnhs_parse.normalise.onboarding import unrecognised_hint

        hint = unrecognised_hint(document, settings)
        if hint:  # short, as messages are cut at 200 characters: the hint first
            return f"no goal slide among {n_tables} table(s); {hint}"
    return f"{what} in this deck; found {found or 'no slides'}, {n_tables} table(s)"


def _read_title(
    pages: list[Page],
    roles: dict[int, SlideRole],
    vocabulary: frozenset[str],
    settings: SlideSettings,
) -> tuple[str, int | None]:
    """The plan's name (the biggest text on the title slide) and the year of "Toteutumisen
    arviointi 2023"."""
    vocab = header_vocabulary()

    def page_text(page: Page) -> str:
        return " ".join(ln.text for ln in content_lines(page, settings))

    page = (
        next((p for p in pages if roles[p.number] == "title"), None)
        or next((p for p in pages if vocab.title.search(page_text(p))), None)
        # a title slide in words of its own: the deck's first slide, when it is no goal slide
        or next((p for p in pages if p.number == 1 and roles[p.number] == "other"), None)
    )
    if page is None:
        return "", None
    year = None
    rest: list[Line] = []
    for ln in content_lines(page, settings):
        m = vocab.title.search(" ".join(ln.text.split()))
        if m:
            year = int(m.group(1))
        else:
            rest.append(ln)
    if year is None:
        year = _lone_year(" ".join(ln.text for ln in rest))
    if not rest:
        return "", year
    biggest = max((ln.size or 0.0) for ln in rest)
    name_lines = [ln for ln in rest if (ln.size or 0.0) >= biggest - 1.0]
    return joined(name_lines, vocabulary), year


_YEAR = re.compile(r"(?<![\d–—/-])(20\d\d)(?![\d–—/-])")


def _status_header_year(goal_slides: list[GoalSlide]) -> int | None:
    """The year a status column's header names ("Tilanne 2024"): the year evaluated."""
    for slide in goal_slides:
        if slide.columns is not None:
            for key in slide.columns.keys_of("status"):
                years = _YEAR.findall(slide.columns.headers.get(key, ""))
                if years:
                    return int(years[-1])
    return None


def _lone_year(text: str) -> int | None:
    """The last year printed on its own on a title slide ("Väliraportti 2024"), not a plan
    period's end ("2023–2026"), when the title names no evaluation year in known words."""
    years = [int(y) for y in _YEAR.findall(text)]
    return years[-1] if years else None


def _read_section_title(
    pages: list[Page],
    vocabulary: frozenset[str],
    settings: SlideSettings,
    legend_settings: LegendSettings,
) -> str | None:
    """The section title "... ARVIOINTI 2023 JA LISÄTYT PAINOPISTEET 2023/2024" (legend slide)."""
    vocab = header_vocabulary()
    found: list[str] = []
    for page in pages:
        for block in text_blocks(content_lines(page, settings), legend_settings):
            text = block_text(block, vocabulary)
            if vocab.section.search(text):
                found.append(text)
    # the one naming the added focus period, else any "... ARVIOINTI 2023 ..." but the title slide's
    return next((t for t in found if vocab.section_period.search(t)), None) or next(
        (t for t in found if not vocab.title.fullmatch(" ".join(t.split()))), None
    )


def _section_year(section: str | None) -> int | None:
    if not section:
        return None
    m = header_vocabulary().section.search(section)
    return int(m.group(1)) if m else None


def _section_period(section: str | None) -> str | None:
    if not section:
        return None
    m = header_vocabulary().section_period.search(section)
    return f"{m.group(1)}/{m.group(2)}" if m else None


def _read_highlights(
    page: Page, vocabulary: frozenset[str], settings: SlideSettings
) -> list[Highlight]:
    """The bullets under "Kiteytettyjä nostoja ja huomioita" (the slogan above it is no
    highlight)."""
    lines = content_lines(page, settings)
    start = next((i for i, ln in enumerate(lines) if is_highlights_heading(ln.text)), None)
    if start is None:
        return []
    heading = lines[start]
    body = [ln for ln in lines[start + 1 :] if ln.bbox[1] >= heading.bbox[3] - 1]
    if not body:
        return []
    items: list[str] = []
    for para in paragraphs(body, bbox_union([ln.bbox for ln in body])):
        text = para.text(vocabulary)
        starts_item = para.bullet is not None or (para.level == 0 and not text[:1].islower())
        if starts_item or not items:
            items.append(text)
        else:
            items[-1] = f"{items[-1]} {text}"
    return [Highlight(text=t, page=page.number) for t in items if t.strip()]


def suggest_profile(document: Document, options: ParseOptions | None = None) -> str:
    """A starting profile (TOML) for a deck the packaged vocabulary does not read
    (`lnhs-parse profile --suggest`; docs/profiles.md)."""
    from lnhs_parse.normalise.onboarding import suggest_profile as suggest

    options = options or ParseOptions()
    profile, _names = read_profiles(document, options)
    return suggest(document, options, _normalise, profile)
