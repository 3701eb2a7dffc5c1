#!/usr/bin/env bash
# The pmchart GitHub Action's step (action.yml): checks the postmortems with annotations on the
# pull request, checks or refreshes their embedded charts, and writes the job summary.
#
# Environment: PMCHART_PATHS (space-separated; empty: the `paths` of pmchart.toml, else "."),
# PMCHART_MODE (check | embed-check | embed), PMCHART_DENY_WARNINGS (true | false),
# PMCHART_BINARY (default: pmchart on PATH), and GITHUB_STEP_SUMMARY, GITHUB_OUTPUT,
# GITHUB_HEAD_REF as a runner sets them. Exits with pmchart's worst exit code.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pmchart=${PMCHART_BINARY:-pmchart}
mode=${PMCHART_MODE:-embed-check}
read -r -a paths <<< "${PMCHART_PATHS:-}"
if [ "${#paths[@]}" -eq 0 ] && [ ! -f pmchart.toml ]; then
  paths=(.)
fi
deny=()
case "${PMCHART_DENY_WARNINGS:-false}" in
  true) deny=(--deny-warnings) ;;
  false) ;;
  *) echo "::error::deny-warnings is true or false, not '${PMCHART_DENY_WARNINGS}'"; exit 2 ;;
esac
case "$mode" in
  check | embed-check | embed) ;;
  *) echo "::error::mode is check, embed-check or embed, not '$mode'"; exit 2 ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
worst() { [ "$1" -gt "$status" ] && status=$1; return 0; }

# Annotations on the pull request, then the same findings as JSON for the summary.
"$pmchart" check --format github "${deny[@]}" "${paths[@]}"
worst $?
"$pmchart" check --format json "${paths[@]}" > "$tmp/check.jsonl" 2> "$tmp/check.err"

changed=false
if [ "$mode" = embed ]; then
  "$pmchart" embed -q "${paths[@]}"
  worst $?
  git config user.name "github-actions[bot]"
  git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
  # Only what embed writes: the READMEs it changed and the chart images beside them.
  git add -u
  git ls-files --others --exclude-standard -z \
    | grep -z -E '(^|/)timeline(-dark)?\.(svg|png)$' \
    | xargs -0 -r git add --
  if ! git diff --cached --quiet; then
    git commit -q -m "Refresh postmortem charts (pmchart embed)"
    if git push -q origin "HEAD:${GITHUB_HEAD_REF:-$(git rev-parse --abbrev-ref HEAD)}"; then
      changed=true
    else
      echo "::error::could not push the refreshed charts: check out the pull request's branch (actions/checkout with ref: \${{ github.head_ref }}) and grant contents: write"
      worst 1
    fi
  fi
fi
if [ "$mode" = embed-check ]; then
  "$pmchart" embed --check --format github "${paths[@]}"
  worst $?
fi
# embed reports on standard error; lines that are not JSON (its summary) are ignored.
"$pmchart" embed --check --format json "${paths[@]}" > "$tmp/embed.jsonl" 2>&1

[ -n "${GITHUB_OUTPUT:-}" ] && echo "changed=$changed" >> "$GITHUB_OUTPUT"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  python3 "$here/summary.py" "$tmp/check.jsonl" "$tmp/embed.jsonl" "$mode" "$changed" >> "$GITHUB_STEP_SUMMARY"
  # The team's metrics, when this pmchart has the `stats` command.
  if "$pmchart" stats --help >/dev/null 2>&1; then
    "$pmchart" stats --format markdown "${paths[@]}" >> "$GITHUB_STEP_SUMMARY" 2>/dev/null || true
  fi
fi
exit "$status"
