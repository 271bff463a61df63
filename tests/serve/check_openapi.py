#!/usr/bin/env python3
"""docs/openapi.yaml parses as OpenAPI 3.0 and documents every route that
cli/serve/*.cpp registers (router.get/post/put), with the same method."""
import pathlib
import re
import sys

import yaml

root = pathlib.Path(sys.argv[1])
spec = yaml.safe_load((root / "docs/openapi.yaml").read_text(encoding="utf-8"))
assert str(spec.get("openapi", "")).startswith("3.0"), "openapi: 3.0.x expected"
paths = spec["paths"]

registered = []
for source in sorted((root / "cli/serve").glob("*.cpp")):
    for method, pattern in re.findall(r'router\.(get|post|put)\("([^"]+)"', source.read_text(encoding="utf-8")):
        registered.append((method, pattern.replace("(.+)", "{file}"), source.name))
assert len(registered) >= 11, f"expected the API's routes, found {registered}"

missing = [f"{m.upper()} {p} ({src})" for m, p, src in registered if p not in paths or m not in paths[p]]
if missing:
    sys.exit("docs/openapi.yaml lacks: " + ", ".join(missing))
for path, item in paths.items():
    for method, op in item.items():
        if method in ("get", "post", "put") and "responses" not in op:
            sys.exit(f"{method.upper()} {path}: no responses")
print(f"{len(registered)} routes documented")
