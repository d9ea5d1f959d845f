#!/usr/bin/env python3
"""Reads the curves of Figures 2 and 3 out of the vector paths of the paper's PDF.

Usage: mutool trace 1312.6114v10.pdf 7 > p7.xml; mutool trace 1312.6114v10.pdf 8 > p8.xml
       python3 extract_figures.py p7.xml p8.xml   (writes figure2.csv and figure3.csv here)

mutool (Debian's mupdf-tools) prints every stroked path of a page with its colour, dash pattern
and transform. The figures were drawn by matplotlib as vector paths, so each curve is a polyline
and each axis has its frame (four spines) and its major tick marks as short strokes. For every
panel the tick marks give a least-squares map from page coordinates to the axis values (log10 of
the samples for Figure 2, millions of samples for Figure 3), and each curve is read at the
x values we compare at, by linear interpolation between its vertices.
"""
import json, math, sys, xml.etree.ElementTree as ET

def paths(fn):
    out = []
    def walk(e):
        for c in e:
            if c.tag in ('stroke_path', 'fill_path'):
                a, b, cc, d, e_, f = [float(v) for v in c.get('transform').split()]
                pts = [(a * float(s.get('x')) + cc * float(s.get('y')) + e_, b * float(s.get('x')) + d * float(s.get('y')) + f)
                       for s in c if s.tag in ('moveto', 'lineto')]
                out.append(dict(kind=c.tag, color=c.get('color'), dash=c.get('dash'), pts=pts))
            walk(c)
    walk(ET.parse(fn).getroot())
    return out

def bbox(p):
    xs = [q[0] for q in p['pts']]; ys = [q[1] for q in p['pts']]
    return min(xs), max(xs), min(ys), max(ys)

def fit(a, b):
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    s = sum((x - ma) * (y - mb) for x, y in zip(a, b)) / sum((x - ma) ** 2 for x in a)
    return s, mb - s * ma

def at(pts, x):
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if x0 <= x <= x1 and x1 > x0:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return None

def panels(P, width, tick, xvals, yvals_of, x_from_first):
    """Yields (index, x map, y map, frame) per panel of a row of equal panels."""
    blk = [p for p in P if p['kind'] == 'stroke_path' and p['color'] == '0' and len(p['pts']) == 2]
    hs = [p for p in blk if abs(bbox(p)[1] - bbox(p)[0] - width) < 0.3]
    xt = [p for p in blk if abs(bbox(p)[3] - bbox(p)[2] - tick) < 0.1 and bbox(p)[1] - bbox(p)[0] < 0.01]
    yt = [p for p in blk if abs(bbox(p)[1] - bbox(p)[0] - tick) < 0.1 and bbox(p)[3] - bbox(p)[2] < 0.01]
    for i, x0 in enumerate(sorted(set(round(bbox(h)[0], 1) for h in hs))):
        x1 = x0 + width
        yvals = yvals_of(i)
        xs = sorted(set(round(bbox(p)[0], 2) for p in xt if x0 - 0.1 <= bbox(p)[0] <= x1 + 0.1))
        ys = sorted(set(round(bbox(p)[2], 2) for p in yt if x0 - 3 <= bbox(p)[0] <= x1 + 3), reverse=True)
        assert len(xs) == len(xvals) and len(ys) == len(yvals), (i, xs, ys)
        fr = sorted(bbox(h)[2] for h in hs if abs(bbox(h)[0] - x0) < 0.3)
        sx, cx = fit(xs, xvals); sy, cy = fit(ys, yvals)
        yield i, (sx, cx), (sy, cy), (sx * x0 + cx, sx * x1 + cx, sy * fr[-1] + cy, sy * fr[0] + cy), x0

def figure2(fn):
    P = paths(fn)
    coloured = [i for i, p in enumerate(P) if p['kind'] == 'stroke_path' and p['color'] in ('1 0 0', '0 .5 0')]
    rows = {'mnist': (P[:coloured[20]], [3, 5, 10, 20, 200], list(range(-150, -99, 10))),
            'frey': (P[coloured[20]:], [2, 5, 10, 20], list(range(0, 1601, 200)))}
    at_samples = [f * 10 ** d for d in (5, 6, 7) for f in (1, 2, 5)] + [10 ** 8]
    lines = ['dataset,nz,method,split,samples,bound,inside_axes']
    for ds, (Q, nzs, yv) in rows.items():
        curves = [p for p in Q if p['kind'] == 'stroke_path' and p['color'] in ('1 0 0', '0 .5 0') and len(p['pts']) > 2]
        for i, (sx, cx), (sy, cy), lim, x0 in panels(Q, 57.5, 1.8, [5, 6, 7, 8], lambda i: yv, True):
            mine = [c for c in curves if x0 - 40 <= c['pts'][0][0] <= x0 + 5]
            assert len(mine) == 4, (ds, nzs[i], len(mine))
            for c in mine:
                pts = [(sx * x + cx, sy * y + cy) for x, y in c['pts']]
                for s in at_samples:
                    v = at(pts, math.log10(s))
                    if v is not None:
                        inside = lim[2] <= v <= lim[3] and math.log10(s) <= lim[1] + 1e-3
                        lines.append('%s,%d,%s,%s,%d,%.1f,%s' % (ds, nzs[i], 'aevb' if c['color'] == '1 0 0' else 'wake-sleep',
                                                              'test' if c['dash'] else 'train', s, v, 'yes' if inside else 'no'))
    return lines

def figure3(fn):
    P = paths(fn)
    curves = [p for p in P if p['kind'] == 'stroke_path' and p['color'] != '0' and len(p['pts']) > 2]
    names = {'0 .5 0': 'wake-sleep', '0 0 1': 'mcem', '1 0 0': 'aevb'}
    ns = [1000, 50000]
    yv = [list(range(-160, -99, 10)), list(range(-160, -124, 5))]
    lines = ['n_train,method,split,samples,log_likelihood,inside_axes']
    for i, (sx, cx), (sy, cy), lim, x0 in panels(P, 113.5, 2.3, [0, 10, 20, 30, 40, 50, 60], lambda i: yv[i], False):
        for c in curves:
            if x0 - 5 <= c['pts'][0][0] <= x0 + 113.5:
                pts = [(sx * x + cx, sy * y + cy) for x, y in c['pts']]
                for m in (1, 2, 5, 10, 20, 30, 40, 50, 60):
                    v = at(pts, m)
                    if v is not None:
                        lines.append('%d,%s,%s,%d,%.1f,%s' % (ns[i], names[c['color']], 'test' if c['dash'] else 'train',
                                                           m * 10 ** 6, v, 'yes' if lim[2] <= v <= lim[3] else 'no'))
    return lines

if __name__ == '__main__':
    open('figure2.csv', 'w').write('\n'.join(figure2(sys.argv[1])) + '\n')
    open('figure3.csv', 'w').write('\n'.join(figure3(sys.argv[2])) + '\n')
