// The report as Markdown for a merge-request comment: one table of the retries (group, summary,
// recovery decision, warnings) and one of their runs (error, retries used of the limit).
import type { RunRetryPlan, RunRetryPlanRun } from "pulumi-tencentcloud-omics";
import type { PlannedRetry } from "./plans";
import { STATUS_TEXT, type PipelineReport } from "./report";

/** Text made safe for one table cell: no pipes or line breaks to break the row. */
function cell(text: string | number | undefined): string {
    if (text === undefined || text === "") return "";
    return String(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function code(text: string | undefined): string {
    return text ? `\`${text.replace(/`/g, "'")}\`` : "";
}

function table(header: string[], rows: string[][]): string[] {
    return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

/** "1 of 3 retries used", or why it is not known. */
export function retriesUsedText(run: RunRetryPlanRun, plan: RunRetryPlan): string {
    if (run.retriesUsed === undefined) return "unknown (no sample ID)";
    const limit = plan.retryLimit !== undefined ? ` of ${plan.retryLimit}` : "";
    return `${run.retriesUsed}${limit} retries used`;
}

function recoveryText(plan: RunRetryPlan): string {
    const r = plan.recovery;
    if (!r) return "";
    const group = r.runGroupId ? ` ${code(r.runGroupId)}` : "";
    return `**${r.decision}**${group}: ${cell(r.why)}`;
}

function retryRow(retry: PlannedRetry): string[] {
    const p = retry.plan;
    if (!p) return [code(retry.resource), retry.action, "planned during `up` (the group is another resource's output)", "", "", "", ""];
    const group = `${code(p.runGroupId)} (${cell(p.groupStatus)})`;
    const warnings = (p.warnings ?? []).map((w) => `⚠️ ${cell(w)}`).join("<br>");
    const limit = p.limitReached ? `⛔ ${cell(p.limitReached)}` : "";
    return [code(retry.resource), retry.action, group, cell(p.summary), String(p.runs.length), recoveryText(p), [warnings, limit].filter(Boolean).join("<br>")];
}

function runRows(retry: PlannedRetry): string[][] {
    const p = retry.plan;
    if (!p) return [];
    return p.runs.map((run) => [
        code(retry.resource),
        code(run.runUuid),
        cell(run.userDefinedId),
        cell(run.status),
        cell(run.errorMessage),
        retriesUsedText(run, p),
    ]);
}

/** The whole report as Markdown. */
export function renderMarkdown(report: PipelineReport): string {
    const lines: string[] = [`### Omics retries: stack ${code(report.stack)}`, "", STATUS_TEXT[report.status], ""];
    const counts = Object.entries(report.changeSummary)
        .filter(([op, n]) => op !== "same" && (n ?? 0) > 0)
        .map(([op, n]) => `${n} to ${op}`);
    if (counts.length) lines.push(`Pulumi resources: ${counts.join(", ")} (each RunRetry comes with its RunRetryIntent).`, "");
    if (report.errors.length) {
        // A list item per error; its further lines indented so they stay in the item.
        lines.push("**Errors**", "", ...report.errors.map((e) => `- ${e.trim().replace(/\r?\n/g, "\n  ")}`), "");
    }
    if (report.warnings.length) lines.push("**Warnings**", "", ...report.warnings.map((w) => `- ⚠️ ${w.trim()}`), "");
    if (report.retries.length) {
        lines.push(...table(["resource", "action", "group", "summary", "runs", "recovery", "warnings"], report.retries.map(retryRow)), "");
        const runs = report.retries.flatMap(runRows);
        if (runs.length) lines.push("**Runs to retry**", "", ...table(["resource", "run", "sample", "status", "error", "retries"], runs), "");
    }
    if (report.outputs && report.status === "applied") {
        lines.push("**Stack outputs**", "", "```json", JSON.stringify(report.outputs, null, 2), "```", "");
    }
    return `${lines.join("\n").trimEnd()}\n`;
}
