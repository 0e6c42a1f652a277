"""The actor network: who acted toward whom, for Gephi, igraph or networkx.

Nodes are actors (states by code; organisations by code and name, as fusion tells them
apart), edges are directed actor -> recipient dyads aggregated over the exported events:
how many, how many in each quad class, the mean Goldstein score, the first and last date.
Written as GraphML or GEXF 1.3 with the standard library's XML writer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.etree import ElementTree as ET

from .lookups import Lookups, Side
from .reference import actor_kind

QUAD_NAMES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}

# (name, GraphML type, GEXF type) of every attribute; "label" and "weight" are also what Gephi shows.
NODE_ATTRIBUTES = (("label", "string", "string"), ("code", "string", "string"), ("kind", "string", "string"),
                   ("events", "int", "integer"))
EDGE_ATTRIBUTES = (("weight", "double", None), *((q, "int", "integer") for q in QUAD_NAMES.values()),
                   ("goldstein_mean", "double", "double"), ("first_date", "string", "string"),
                   ("last_date", "string", "string"))


@dataclass
class _Node:
    label: str
    code: str
    events: int = 0


@dataclass
class _Edge:
    events: int = 0
    by_quad: dict[int, int] = field(default_factory=lambda: dict.fromkeys(QUAD_NAMES, 0))
    goldstein_sum: float = 0.0
    goldstein_count: int = 0
    first: str | None = None
    last: str | None = None

    def add(self, event: dict) -> None:
        self.events += 1
        if event.get("quad_class") in self.by_quad:
            self.by_quad[event["quad_class"]] += 1
        if event.get("goldstein") is not None:
            self.goldstein_sum += event["goldstein"]
            self.goldstein_count += 1
        day = (event.get("date") or "")[:10] or None
        if day:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)


@dataclass
class Network:
    nodes: dict[str, _Node] = field(default_factory=dict)
    edges: dict[tuple[str, str], _Edge] = field(default_factory=dict)
    events: int = 0

    def add(self, event: dict, actors: tuple[Side, ...], recipients: tuple[Side, ...]) -> None:
        self.events += 1
        actors = [s for s in actors if s.resolved]
        recipients = [s for s in recipients if s.resolved]
        for side in {s.key: s for s in actors + recipients}.values():
            self.nodes.setdefault(side.key, _Node(side.label, side.code)).events += 1
        for a in actors:
            for r in recipients:  # a state acting on itself (junta vs. opposition) is a self-loop, kept
                self.edges.setdefault((a.key, r.key), _Edge()).add(event)

    def node_attributes(self, key: str) -> dict:
        node = self.nodes[key]
        return {"label": node.label, "code": node.code,
                "kind": actor_kind(node.code), "events": node.events}

    def edge_attributes(self, key: tuple[str, str]) -> dict:
        edge = self.edges[key]
        values = {"weight": edge.events, **{QUAD_NAMES[q]: n for q, n in edge.by_quad.items()},
                  "first_date": edge.first, "last_date": edge.last}
        if edge.goldstein_count:
            values["goldstein_mean"] = round(edge.goldstein_sum / edge.goldstein_count, 4)
        return values


def build_network(events: Iterable[dict], lookups: Lookups) -> Network:
    network = Network()
    for event in events:
        sides = lookups.sides(event)
        network.add(event, sides.actors, sides.recipients)
    return network


def _text(value: object) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def write_graphml(network: Network, sink: str | BinaryIO) -> None:
    root = ET.Element("graphml", {
        "xmlns": "http://graphml.graphdrawing.org/xmlns",
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": "http://graphml.graphdrawing.org/xmlns "
                              "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
    })
    for owner, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        for name, graphml_type, _ in attributes:
            ET.SubElement(root, "key", {"id": f"{owner}_{name}", "for": owner, "attr.name": name,
                                        "attr.type": graphml_type})
    graph = ET.SubElement(root, "graph", {"id": "geopivot", "edgedefault": "directed"})
    for key in sorted(network.nodes):
        node = ET.SubElement(graph, "node", {"id": key})
        _graphml_data(node, "node", network.node_attributes(key))
    for n, key in enumerate(sorted(network.edges)):
        edge = ET.SubElement(graph, "edge", {"id": f"e{n}", "source": key[0], "target": key[1]})
        _graphml_data(edge, "edge", network.edge_attributes(key))
    _write(root, sink)


def _graphml_data(element: ET.Element, owner: str, values: dict) -> None:
    for name, value in values.items():
        if value is not None:
            ET.SubElement(element, "data", {"key": f"{owner}_{name}"}).text = _text(value)


def write_gexf(network: Network, sink: str | BinaryIO, description: str) -> None:
    root = ET.Element("gexf", {
        "xmlns": "http://gexf.net/1.3",
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "version": "1.3",
    })
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "geopivot"
    ET.SubElement(meta, "description").text = description
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    # GEXF carries a node's label and an edge's weight on the element itself, the rest as attvalues.
    node_extra = [a for a in NODE_ATTRIBUTES if a[0] != "label"]
    edge_extra = [a for a in EDGE_ATTRIBUTES if a[0] != "weight"]
    for owner, attributes in (("node", node_extra), ("edge", edge_extra)):
        declared = ET.SubElement(graph, "attributes", {"class": owner, "mode": "static"})
        for name, _, gexf_type in attributes:
            ET.SubElement(declared, "attribute", {"id": name, "title": name, "type": gexf_type})
    nodes = ET.SubElement(graph, "nodes")
    for key in sorted(network.nodes):
        values = network.node_attributes(key)
        node = ET.SubElement(nodes, "node", {"id": key, "label": values.pop("label")})
        _gexf_values(node, values)
    edges = ET.SubElement(graph, "edges")
    for n, key in enumerate(sorted(network.edges)):
        values = network.edge_attributes(key)
        edge = ET.SubElement(edges, "edge", {"id": str(n), "source": key[0], "target": key[1],
                                             "weight": _text(float(values.pop("weight")))})
        _gexf_values(edge, values)
    _write(root, sink)


def _gexf_values(element: ET.Element, values: dict) -> None:
    present = {k: v for k, v in values.items() if v is not None}
    if present:
        holder = ET.SubElement(element, "attvalues")
        for name, value in present.items():
            ET.SubElement(holder, "attvalue", {"for": name, "value": _text(value)})


def _write(root: ET.Element, sink: str | BinaryIO) -> None:
    ET.indent(root)
    ET.ElementTree(root).write(sink, encoding="UTF-8", xml_declaration=True)
