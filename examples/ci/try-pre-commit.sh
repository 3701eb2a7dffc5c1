#!/usr/bin/env bash
# pmchart's pre-commit hooks tried as a user would (`pre-commit try-repo`) on a scratch
# repository holding what an ordinary repository holds besides postmortems: a root README that
# is not one, and a renovate.json.
#
#   examples/ci/try-pre-commit.sh [binary|source]
#
# binary (default): the pmchart-check and pmchart-embed hooks. With PMCHART_BINARY set (as the
#   test suite sets it) that binary is used; otherwise the release for this machine is
#   downloaded, which needs a published release.
# source: the -source hooks, building pmchart with `cargo install --locked` into a scratch
#   cache (a few minutes).
# Exits 0 when every step behaves; prints why and exits 0 when pre-commit is not installed.
set -euo pipefail

mode=${1:-binary}
pmchart_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if ! command -v pre-commit >/dev/null 2>&1; then
  echo "skipped: pre-commit is not installed (pip install pre-commit)"
  exit 0
fi
case "$mode" in
  binary) check=pmchart-check embed=pmchart-embed ;;
  source) check=pmchart-check-source embed=pmchart-embed-source; unset PMCHART_BINARY ;;
  *) echo "usage: $0 [binary|source]" >&2; exit 2 ;;
esac

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export PRE_COMMIT_HOME="$scratch/pre-commit-home" XDG_CACHE_HOME="$scratch/cache"
work="$scratch/repo"
mkdir -p "$work/postmortems/db-failover" "$work/postmortems/cdn"
cd "$work"
git init -q
git config user.email "hooks@example.com"
git config user.name "hooks"

cat > README.md <<'MD'
# Infrastructure

How we run things. See `postmortems/` for incident write-ups.
MD
cat > renovate.json <<'JSON'
{ "extends": ["config:recommended"] }
JSON
cat > postmortems/db-failover/README.md <<'MD'
# Database failover on 4 June 2024

## Timeline (UTC)

- 14:02 Monitoring alert: API error rate above 5%
- 14:06 On-call engineer acknowledged the page
- 14:15 Suspected the load balancer [misleading]
- 14:25 Escalated to the database team
- 14:40 Failed over to the replica
- 14:52 Error rate back to normal; incident resolved
MD
cat > postmortems/cdn/README.md <<'MD'
# CDN certificate expiry on 9 July 2024

## Timeline (UTC)

- 09:00 Customers report TLS errors on the website
- 09:10 Renewed the certificate on the CDN
- 09:20 All regions serve the new certificate; resolved
MD
git add -A

step() { echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

step "$check passes: the root README and renovate.json are passed over"
out=$(pre-commit try-repo --verbose "$pmchart_repo" "$check" --all-files 2>&1) || fail "$check on a clean repository: $out"
echo "$out" | grep -q "skipped \`README.md\`" || fail "the root README was not passed over: $out"
echo "$out" | grep -q "skipped \`renovate.json\`" || fail "renovate.json was not passed over: $out"

step "$check fails on a timeline out of order, naming the line"
sed -i.bak 's/^- 14:40 /- 13:40 /' postmortems/db-failover/README.md && rm postmortems/db-failover/README.md.bak
git add -A
if out=$(pre-commit try-repo "$pmchart_repo" "$check" --all-files 2>&1); then
  fail "$check passed a timeline out of order: $out"
fi
echo "$out" | grep -q "PM101" || fail "no PM101 in: $out"
echo "$out" | grep -q "postmortems/db-failover/README.md:9" || fail "the line is not named: $out"
git checkout -q -- postmortems/db-failover/README.md 2>/dev/null || git restore --staged --worktree postmortems/db-failover/README.md
sed -i.bak 's/^- 13:40 /- 14:40 /' postmortems/db-failover/README.md && rm -f postmortems/db-failover/README.md.bak
git add -A

step "$embed writes the charts (the commit stops), then passes"
if pre-commit try-repo "$pmchart_repo" "$embed" --all-files >/dev/null 2>&1; then
  fail "$embed did not report the files it changed"
fi
[ -f postmortems/db-failover/timeline.svg ] || fail "no chart beside the postmortem: $(ls postmortems/db-failover)"
grep -q "pmchart:begin" postmortems/db-failover/README.md || fail "no chart block in the README"
grep -q "pmchart:begin" README.md && fail "the root README was changed"
git add -A
out=$(pre-commit try-repo "$pmchart_repo" "$embed" --all-files 2>&1) || fail "$embed on up-to-date charts: $out"
echo "all steps passed ($mode)"
