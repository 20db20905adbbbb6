"""The benchmark results as a plain-text table: one block per section, medians with spreads."""

from __future__ import annotations

from typing import Any


def _spread(stats: dict[str, float]) -> str:
    return f"±{stats['spread'] * 50:.0f}%"  # half the min-max range, relative to the median


def _startup(data: dict[str, Any]) -> list[str]:
    if "error" in data:
        return [f"  error: {data['error']}"]
    check, bare = data["check_seconds"], data["bare_seconds"]
    return [
        f"  {data['command']}: {check['median'] * 1000:.0f} ms {_spread(check)} (median of {check['n']})",
        f"  {data['baseline']}: {bare['median'] * 1000:.0f} ms {_spread(bare)}",
        f"  ratio {data['ratio']:.2f} (target <= 2.5; per-pair median {data['ratio_per_pair']['median']:.2f},"
        f" {data['ratio_per_pair']['min']:.2f}-{data['ratio_per_pair']['max']:.2f})",
        "  where one check's time goes (one fresh process, CPU ms; python's own start-up not included):",
        *(f"    {p['cpu'] * 1000:7.1f}  {p['phase']}" for p in data["phases"] if isinstance(data["phases"], list)),
    ]


def _throughput(rows: list[dict[str, Any]]) -> list[str]:
    out = [
        f"  {'provisions':>10} {'savings':>7} {'clauses':>7} {'durable c/s':>12} {'reference c/s':>14}"
        f" {'ratio':>6} {'agree':>5}  spread d/r  {'durable c/cpu-s':>15}"
    ]
    for r in rows:
        out.append(
            f"  {r['provisions']:>10} {r['savings']:>7.0%} {r['clauses']:>7} {r['durable_clauses_per_s']:>12,.0f}"
            f" {r['reference_clauses_per_s']:>14,.0f} {r['durable_over_reference']:>6.2f} {r['agree']!s:>5}"
            f"  ±{r['spread']['durable'] * 50:.0f}%/±{r['spread']['reference'] * 50:.0f}%"
            f"  {r['durable_clauses_per_cpu_s']:>15,.0f}"
        )
    out.append("  (c/s: clause checks per second of wall time, c/cpu-s: per CPU second of this process; a clause")
    out.append("   check is one clause against every provision under one reading;")
    out.append("   ratio: durable / reference, wall; target >= 100,000 durable c/s at 100 provisions)")
    for r in rows:
        if r.get("profile"):
            out.append(f"  where durable-rules time goes at {r['provisions']} provisions (cProfile, own time):")
            out.extend(f"    {share:6.1%}  {name}" for name, share in r["profile"].items())
    return out


def _scaling(data: dict[str, Any]) -> list[str]:
    out = [f"  {'clauses':>8} {'seconds':>9} {'spread':>6} {'cpu s':>8}   (100 provisions, durable-rules)"]
    for r in data["clauses"]:
        out.append(
            f"  {r['clauses']:>8} {r['seconds']['median']:>9.3f} {_spread(r['seconds']):>6}"
            f" {r['cpu_seconds']['median']:>8.3f}"
        )
    e = data["clauses_exponent"]
    out.append(
        f"  growth exponent (cpu) {e['all']:.2f} overall, {e['upper_half']:.2f} over the larger half (1 = linear)"
    )
    out.append(
        f"  {'provisions':>10} {'rulesets':>8} {'setup s':>8} {'seconds':>9} {'spread':>6} {'cpu s':>8}"
        f" {'findings':>8} {'cpu us/finding':>14}   (fixed clauses)"
    )
    for r in data["provisions"]:
        per = r["cpu_seconds"]["median"] / max(1, r["findings"]) * 1e6
        out.append(
            f"  {r['provisions']:>10} {r['rulesets']:>8} {r['setup_seconds']:>8.3f} {r['seconds']['median']:>9.3f}"
            f" {_spread(r['seconds']):>6} {r['cpu_seconds']['median']:>8.3f} {r['findings']:>8} {per:>14.1f}"
        )
    e = data["provisions_exponent"]
    out.append(
        f"  growth exponent (cpu) {e['all']:.2f} overall, {e['upper_half']:.2f} over the larger half (<= 1 wanted)"
    )
    return out


def _memory(data: dict[str, Any]) -> list[str]:
    if "error" in data:
        return [f"  error: {data['error']}"]
    out = [f"  {'documents':>9} {'peak RSS MiB':>12} {'after setup':>11} {'seconds':>8}"]
    for r in data["runs"]:
        out.append(
            f"  {r['documents']:>9} {r['peak_rss_kib'] / 1024:>12.1f} {r['peak_rss_after_setup_kib'] / 1024:>11.1f}"
            f" {r['seconds']:>8.1f}"
        )
    out.append(f"  growth {data['growth']:+.1%} from the smaller run to the larger (target within 10%)")
    return out


def _interactions(data: dict[str, Any]) -> list[str]:
    if not data.get("available"):
        return [f"  {data.get('note', 'not available')}"]
    if "error" in data:
        return [f"  error: {data['error']}"]
    s = data["seconds"]
    return [f"  {data['command']}: {s['median']:.2f} s {_spread(s)} (median of {s['n']}; target <= 10 s)"]


RENDER = {
    "startup": _startup,
    "throughput": _throughput,
    "scaling": _scaling,
    "memory": _memory,
    "interactions": _interactions,
    "bounded": lambda data: _bounded(data),
}


def _bounded(data: Any) -> list[str]:
    from benchmarks.bounded import render

    return render(data)


def table(results: dict[str, Any]) -> str:
    """Every measured section, in run order, with the machine's load before and after."""
    env = results["environment"]
    lines = [
        f"compliance benchmarks (python {env['python']}, {env['cpus']} cpus, commit {env['commit']},"
        f" load {env['load_average'][0]:.2f} -> {results['load_average_after'][0]:.2f})"
    ]
    for section, render in RENDER.items():
        if section in results:
            lines.append(f"\n{section}")
            lines.extend(render(results[section]))
    lines.append(f"\ntotal {results['total_seconds']:.0f} s")
    return "\n".join(lines)
