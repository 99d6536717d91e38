#!/usr/bin/env bash
# buf breaking: the contract in proto/ (as it is in the work tree) against proto/ on the main
# branch in git, with buf.yaml's rules (FILE), so a change that would break a deployed client
# fails. Works on main itself (the work tree against main's last commit), on any branch, and in
# a fresh, shallow or detached clone: the local main branch, else origin's.
set -euo pipefail
cd "$(dirname "$0")/.."

if git rev-parse --verify --quiet refs/heads/main >/dev/null; then
  ref=refs/heads/main
elif git rev-parse --verify --quiet refs/remotes/origin/main >/dev/null; then
  ref=refs/remotes/origin/main
else
  echo "buf-breaking: no main branch here (neither main nor origin/main) to compare proto/ with" >&2
  exit 1
fi
echo "buf-breaking: proto/ against $ref" >&2
npx buf breaking --against ".git#ref=$ref,subdir=proto"
