"""Write schemas/plan.schema.json, diff.schema.json and profile.schema.json from the pydantic
models.

Run after changing `lnhs_parse.model`: `python scripts/gen_schemas.py`. tests/test_schema.py fails
while the files are stale.
"""

from __future__ import annotations

from pathlib import Path

from lnhs_parse.schema import SCHEMAS, schema_json

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    for which in SCHEMAS:
        target = ROOT / "schemas" / f"{which}.schema.json"
        target.write_text(schema_json(which), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
