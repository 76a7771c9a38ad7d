"""The Python side of partsmap's DOT benchmark: the same graph built and written as DOT with
networkx + pydot (nx.nx_pydot.write_dot) or with the graphviz package (Digraph(...).source).

    python dot_python.py networkx|graphviz DOT_IN DOT_OUT RUNS

DOT_IN is partsmap's own export of the map. It is read into plain lists (graph, node and edge
defaults, clusters with their attributes, nodes and edges with theirs) *before* the clock
starts; each timed run then builds the graph from those lists and writes DOT_OUT, the way a
person's script would build it from their data. (partsmap's own timing also includes working
out every label and tooltip from the map, which is left out here: the comparison favours
Python.) Prints: median seconds, runs, bytes written.
"""
import re
import statistics
import sys
import time

TOKEN = re.compile(r'''
    (?P<ws>\s+|//[^\n]*)
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<arrow>->)
  | (?P<punct>[\[\]{}=;,+])
  | (?P<id>[^\s\[\]{}=;,"+]+)
''', re.X | re.S)


def tokens(text):
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == 'ws':
            continue
        yield kind, m.group()


def unquote(value):
    # Keep DOT's own escapes (\n, \\) as written: both libraries write attribute values as
    # given. Only \" goes back to ", because both escape quotes themselves.
    return value[1:-1].replace('\\"', '"')


class Reader:
    def __init__(self, text):
        self.toks = list(tokens(text))
        self.i = 0

    def peek(self, k=0):
        return self.toks[self.i + k] if self.i + k < len(self.toks) else (None, None)

    def take(self):
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def value(self):
        kind, text = self.take()
        if kind != 'str':
            return text
        parts = [unquote(text)]
        while self.peek()[1] == '+':  # "…" + "…" pieces
            self.take()
            parts.append(unquote(self.take()[1]))
        return ''.join(parts)

    def attrs(self):
        result = {}
        assert self.take()[1] == '['
        while self.peek()[1] != ']':
            if self.peek()[1] in (',', ';'):
                self.take()
                continue
            key = self.take()[1]
            assert self.take()[1] == '='
            result[key] = self.value()
        self.take()
        return result


def read_graph(text):
    """{graph, node, edge: defaults; clusters: {name: attrs}; nodes: [(id, attrs, cluster)];
    edges: [(a, b, attrs, cluster)]; ranks: [[ids]]}"""
    r = Reader(text)
    g = {'graph': {}, 'node': {}, 'edge': {}, 'clusters': {}, 'nodes': [], 'edges': [], 'ranks': []}
    assert r.take()[1] == 'digraph'
    r.take()  # name
    assert r.take()[1] == '{'

    def body(cluster):
        while True:
            kind, text = r.peek()
            if text == '}':
                r.take()
                return
            if text == ';':
                r.take()
                continue
            if text in ('graph', 'node', 'edge') and r.peek(1)[1] == '[':
                r.take()
                a = r.attrs()
                if cluster is None:
                    g[text].update(a)
                elif text == 'graph':
                    g['clusters'][cluster]['graph'].update(a)
                else:
                    g['clusters'][cluster][text].update(a)
                continue
            if text == 'subgraph':
                r.take()
                name = r.take()[1]
                assert r.take()[1] == '{'
                g['clusters'][name] = {'graph': {}, 'node': {}, 'edge': {}}
                body(name)
                continue
            if text == '{':  # { rank=same; a; b }
                r.take()
                ids = []
                while r.peek()[1] != '}':
                    k, t = r.take()
                    if t == ';':
                        continue
                    if r.peek()[1] == '=':
                        r.take()
                        r.value()
                        continue
                    ids.append(t)
                r.take()
                g['ranks'].append((ids, cluster))
                continue
            r.take()
            name = text
            if r.peek()[0] == 'arrow':
                r.take()
                to = r.take()[1]
                a = r.attrs() if r.peek()[1] == '[' else {}
                g['edges'].append((name, to, a, cluster))
            else:
                a = r.attrs() if r.peek()[1] == '[' else {}
                g['nodes'].append((name, a, cluster))
    body(None)
    return g


def with_networkx(g, out):
    import networkx as nx
    G = nx.MultiDiGraph()
    G.graph['graph'] = dict(g['graph'])
    G.graph['node'] = dict(g['node'])
    G.graph['edge'] = dict(g['edge'])
    # networkx has no clusters: their nodes and edges go in the one graph.
    for name, attrs, _ in g['nodes']:
        G.add_node(name, **attrs)
    for a, b, attrs, _ in g['edges']:
        G.add_edge(a, b, **attrs)
    nx.nx_pydot.write_dot(G, out)


def with_graphviz(g, out):
    import graphviz
    dot = graphviz.Digraph('partsmap', graph_attr=g['graph'], node_attr=g['node'], edge_attr=g['edge'])
    clusters = {name: graphviz.Digraph(name=name, graph_attr=c['graph'], node_attr=c['node'], edge_attr=c['edge'])
                for name, c in g['clusters'].items()}
    for name, attrs, cluster in g['nodes']:
        (clusters[cluster] if cluster else dot).node(name, **attrs)
    for a, b, attrs, cluster in g['edges']:
        (clusters[cluster] if cluster else dot).edge(a, b, **attrs)
    for ids, cluster in g['ranks']:
        target = clusters[cluster] if cluster else dot
        target.body.append('{ rank=same; ' + '; '.join(ids) + ' }')
    for c in clusters.values():
        dot.subgraph(c)
    with open(out, 'w', encoding='utf-8') as f:
        f.write(dot.source)


def main():
    tool, dot_in, dot_out, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    with open(dot_in, encoding='utf-8') as f:
        g = read_graph(f.read())
    build = {'networkx': with_networkx, 'graphviz': with_graphviz}[tool]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build(g, dot_out)
        times.append(time.perf_counter() - start)
    with open(dot_out, 'rb') as f:
        size = len(f.read())
    print(f'{statistics.median(times):.6f} {runs} {size}')
    print(f'nodes={len(g["nodes"])} edges={len(g["edges"])} clusters={len(g["clusters"])} times={times}', file=sys.stderr)


if __name__ == '__main__':
    main()
