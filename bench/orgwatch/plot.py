#!/usr/bin/env python3
"""Draws docs/benchmarks/orgwatch-calls.svg from orgwatch-timeline.csv: cumulative API calls over emulated time.

Usage: plot.py <timeline.csv> <output.svg>   (standard library only)
"""
import csv
import sys

SERIES = [
    ("fixed-5s", "a 5 s poller per job", "#d62728"),
    ("single-watchers", "50 single-job watchers (JobWatcher)", "#ff7f0e"),
    ("sfbulk-orgwatch", "one org watcher (OrgWatcher)", "#1f77b4"),
]
W, H, L, R, T, B = 900, 520, 80, 30, 50, 70


def main(source, target):
    points = {name: [] for name, _, _ in SERIES}
    with open(source, newline="") as f:
        for row in csv.DictReader(f):
            if row["strategy"] in points:
                points[row["strategy"]].append((float(row["seconds"]), float(row["calls"])))
    for name in points:
        points[name].sort()
    max_x = max(p[0] for ps in points.values() for p in ps)
    max_y = max(p[1] for ps in points.values() for p in ps)
    step = 250 if max_y <= 2500 else 500
    top = ((int(max_y) // step) + 1) * step
    sx = lambda x: L + (W - L - R) * x / max_x
    sy = lambda y: H - B - (H - T - B) * y / top
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="DejaVu Sans, sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{W / 2}" y="24" text-anchor="middle" font-size="15">Keeping the org clean: 50 PK-chunked jobs over an emulated hour (cumulative API calls)</text>']
    for y in range(0, top + 1, step):
        out.append(f'<line x1="{L}" y1="{sy(y):.1f}" x2="{W - R}" y2="{sy(y):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{L - 8}" y="{sy(y) + 4:.1f}" text-anchor="end">{y}</text>')
    for m in range(0, int(max_x / 60) + 1, 10):
        x = sx(m * 60)
        out.append(f'<line x1="{x:.1f}" y1="{T}" x2="{x:.1f}" y2="{H - B}" stroke="#eee"/>')
        out.append(f'<text x="{x:.1f}" y="{H - B + 18}" text-anchor="middle">{m}</text>')
    out.append(f'<text x="{(L + W - R) / 2}" y="{H - 25}" text-anchor="middle">emulated minutes since the first job was started</text>')
    out.append(f'<text x="20" y="{(T + H - B) / 2}" text-anchor="middle" transform="rotate(-90 20 {(T + H - B) / 2})">API calls</text>')
    out.append(f'<rect x="{L}" y="{T}" width="{W - L - R}" height="{H - T - B}" fill="none" stroke="#333"/>')
    for i, (name, label, color) in enumerate(SERIES):
        ps = points[name]
        if not ps:
            continue
        path, last_y = [f"M{sx(0):.1f},{sy(0):.1f}"], 0.0
        for x, y in ps:
            path.append(f"L{sx(x):.1f},{sy(last_y):.1f}L{sx(x):.1f},{sy(y):.1f}")
            last_y = y
        out.append(f'<path d="{"".join(path)}" fill="none" stroke="{color}" stroke-width="2"/>')
        ly = T + 20 + i * 18
        out.append(f'<line x1="{L + 15}" y1="{ly - 4}" x2="{L + 45}" y2="{ly - 4}" stroke="{color}" stroke-width="3"/>')
        out.append(f'<text x="{L + 52}" y="{ly}">{label}: {int(last_y)} calls</text>')
    out.append("</svg>")
    with open(target, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
