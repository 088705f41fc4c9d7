"""``semantha explain``: the decision trace of one document, for people, not programmers."""

from __future__ import annotations

from typing import Any

from semantha.config import AppConfig
from semantha.records import Outcome

HEADER_LINES = 12


def explanation(outcome: Outcome, config: AppConfig) -> dict[str, Any]:
    """Everything that led to the outcome, as plain data (also the ``--json`` form)."""
    document, decision, plan = outcome.document, outcome.decision, outcome.plan
    report: dict[str, Any] = {
        "file": str(outcome.source),
        "sha256": outcome.doc_id,
        "status": outcome.status,
        "error": outcome.error,
        "timings": dict(outcome.timings),
    }
    if document is not None:
        first = document.content_pages[0] if document.content_pages else None
        report["pages"] = [
            {
                "index": p.index,
                "source": p.reading,
                "confidence": round(p.confidence, 1),
                "blank": p.blank,
                "ops": list(p.ops),
            }
            for p in document.pages
        ]
        report["fields"] = dict(document.fields)
        report["header_excerpt"] = (
            [line for line in first.text.splitlines() if line.strip()][:HEADER_LINES]
            if first
            else []
        )
    if decision is not None:
        trace = decision.trace
        report["decision"] = {
            "department": decision.department,
            "doctype": decision.doctype,
            "confidence": round(decision.confidence, 4),
            "doctype_confidence": round(decision.doctype_confidence, 4),
            "method": decision.method,
            "reason": trace.reason,
            "thresholds": {"min_confidence": trace.min_confidence, "min_margin": trace.min_margin},
        }
        report["rule_hits"] = [
            {
                "rule": h.rule_id,
                "facet": h.facet,
                "label": h.label,
                "weight": h.weight,
                "reason": h.reason,
            }
            for h in trace.rule_hits
        ]
        report["model"] = {
            "department": [(s.label, round(s.probability, 4)) for s in trace.department_scores],
            "doctype": [(s.label, round(s.probability, 4)) for s in trace.doctype_scores],
        }
    if plan is not None:
        report["route"] = {
            "id": plan.route_id,
            "actions": [
                {
                    "kind": a.kind,
                    "target": a.target,
                    "destination": str(config.paths.dms_root / a.target)
                    if a.kind in ("deliver", "copy")
                    else a.target,
                }
                for a in plan.actions
            ],
        }
    return report


def render_explanation(report: dict[str, Any]) -> str:
    """The report as text that reads top to bottom: what was read, what fired, where it goes."""
    out = [f"Document  {report['file']}", f"sha256    {report['sha256']}"]
    if report.get("error"):
        out += ["", f"Could not be read: {report['error']}", "-> quarantine"]
        return "\n".join(out)
    out += ["", "Pages"]
    for page in report.get("pages", []):
        state = "blank (kept, not used for routing)" if page["blank"] else page["source"]
        ops = ", ".join(page["ops"]) or "none"
        out.append(
            f"  {page['index'] + 1}: {state}; confidence {page['confidence']}; cleaning: {ops}"
        )
    out += ["", "Top of page 1 as read"]
    out += [f"  | {line}" for line in report.get("header_excerpt", [])]
    out += ["", "Fields found"]
    out += [f"  {k}: {v}" for k, v in report.get("fields", {}).items()] or ["  (none)"]
    out += ["", "Rules that fired"]
    out += [
        f"  {h['rule']}: {h['facet']} = {h['label']} (weight {h['weight']}) because {h['reason']}"
        for h in report.get("rule_hits", [])
    ] or ["  (none)"]
    model = report.get("model", {})
    for facet in ("department", "doctype"):
        scores = ", ".join(f"{label or '(none)'} {p:.2f}" for label, p in model.get(facet, []))
        out.append(f"Model {facet} top 3: {scores or '(not used)'}")
    decision = report.get("decision")
    if decision:
        th = decision["thresholds"]
        out += [
            "",
            f"Decision  department {decision['department'] or '-'}, "
            f"doctype {decision['doctype'] or '-'}, confidence {decision['confidence']:.2f} "
            f"by {decision['method']}",
            f"  thresholds: confidence >= {th['min_confidence']}, "
            f"lead over second >= {th['min_margin']}",
            f"  why: {decision['reason']}",
        ]
    route = report.get("route")
    if route:
        out += ["", f"Route {route['id']}"]
        out += [f"  {a['kind']} -> {a['destination']}" for a in route["actions"]]
    return "\n".join(out)
