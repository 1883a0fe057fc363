#!/usr/bin/env bash
# Builds the deployable Azure Functions package of Outreach (a .NET isolated worker) and checks its layout.
#
#   ./package.sh                   publish into artifacts/package, zip it to artifacts/outreach.zip, verify both
#   ./package.sh --self-contained  the same, with the .NET runtime inside (for a Flex region without dotnet-isolated 10.0)
#   ./package.sh --verify          only verify an existing artifacts/package and artifacts/outreach.zip
#
# The package is the `dotnet publish` output of src/Functions for linux-x64; the host reads it from the app root:
#   host.json                  copied from the repository root by the project (DESIGN §2)
#   functions.metadata         every function with its bindings (worker indexing)
#   worker.config.json         "language": "dotnet-isolated", how the host starts the worker
#   .azurefunctions/           the host-side extension assemblies (queues) the Worker.Sdk built
#   config/  templates/        districts and letter templates, read relative to the app root
#   Outreach.Functions.dll     the worker and its dependencies
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
artifacts="$repo_root/artifacts"
package_dir="$artifacts/package"
zip_file="$artifacts/outreach.zip"
project="$repo_root/src/Functions/Outreach.Functions.csproj"
runtime_identifier="linux-x64"

fail() { echo "package.sh: $*" >&2; exit 1; }
step() { echo "==> $*"; }

require_tool() {
  command -v "$1" >/dev/null 2>&1 || fail "'$1' is required but not on PATH${2:+ ($2)}"
}

# Names that must never be deployed: local settings carry developer secrets, samples and the outbox
# carry (sample) personal data.
forbidden_pattern='(^|/)(local\.settings(\.[^/]*)?\.json|samples|outbox|__azurite_db_[^/]*|__blobstorage__|__queuestorage__|\.azurite)(/|$)'

verify() {
  local errors=0
  problem() { echo "  FAIL: $*" >&2; errors=$((errors + 1)); }

  step "Verifying $package_dir and $zip_file"
  [[ -d "$package_dir" ]] || fail "$package_dir does not exist; run ./package.sh first"
  [[ -f "$zip_file" ]] || fail "$zip_file does not exist; run ./package.sh first"
  require_tool zipinfo "Info-ZIP unzip package"
  require_tool python3

  local file
  for file in host.json functions.metadata worker.config.json Outreach.Functions.dll config/districts.json; do
    [[ -f "$package_dir/$file" ]] || problem "$file is missing from the package"
  done
  [[ -d "$package_dir/.azurefunctions" ]] || problem ".azurefunctions/ (the host-side extensions) is missing"
  [[ -d "$package_dir/templates" ]] || problem "templates/ is missing"
  cmp -s "$repo_root/host.json" "$package_dir/host.json" || problem "host.json differs from the repository's (stale package?)"

  # The worker's own description of itself, and every function with a trigger.
  python3 - "$package_dir" <<'PY' || problem "worker.config.json or functions.metadata is not what the host needs"
import json, sys, os
root = sys.argv[1]
config = json.load(open(os.path.join(root, "worker.config.json")))["description"]
assert config["language"] == "dotnet-isolated", config["language"]
assert config.get("workerIndexing") == "true"
functions = json.load(open(os.path.join(root, "functions.metadata")))
triggers = {f["name"]: next(b for b in f["bindings"] if b["type"].endswith("Trigger")) for f in functions}
assert triggers["SendWelcome"]["queueName"] == "welcome-letters"
assert triggers["SendFollowUp"]["queueName"] == "follow-up-letters"
assert triggers["DiscoverLeaders"]["type"] == "timerTrigger" and triggers["FollowUpSweep"]["type"] == "timerTrigger"
print(f"  {len(functions)} functions: " + ", ".join(sorted(triggers)))
PY
  if python3 -c 'import json,sys; sys.exit(0 if "customHandler" in json.load(open(sys.argv[1])) else 1)' "$package_dir/host.json"; then
    problem "host.json still has a customHandler section"
  fi

  local listing
  listing="$(zipinfo -1 "$zip_file" 2>/dev/null)"
  if grep -Eq "$forbidden_pattern" <<<"$listing"; then
    problem "the zip contains local settings, samples, outbox or Azurite data:"
    grep -E "$forbidden_pattern" <<<"$listing" | head -5 >&2
  fi
  if find "$package_dir" -print | sed "s|^$package_dir/||" | grep -Eq "$forbidden_pattern"; then
    problem "the package folder contains local settings, samples, outbox or Azurite data"
  fi
  for file in host.json functions.metadata worker.config.json Outreach.Functions.dll; do
    grep -qx "$file" <<<"$listing" || problem "$file is not at the root of the zip"
  done
  grep -q '^\.azurefunctions/' <<<"$listing" || problem "the zip has no .azurefunctions/"

  if (( errors > 0 )); then
    fail "$errors problem(s) in the package"
  fi
  echo "  OK: $(du -h "$zip_file" | cut -f1) zip"
}

build() {
  local self_contained="$1"
  require_tool dotnet
  require_tool zip "Info-ZIP zip keeps Unix file modes (the self-contained worker is started directly)"
  require_tool python3

  step "Cleaning $artifacts"
  rm -rf "$package_dir" "$zip_file"
  mkdir -p "$package_dir"

  step "Publishing the worker ($runtime_identifier, self-contained: $self_contained)"
  dotnet publish "$project" -c Release -r "$runtime_identifier" --self-contained "$self_contained" \
    -p:DebugType=None -p:DebugSymbols=false -o "$package_dir" --nologo
  # A developer's local settings never travel, wherever they sit.
  find "$package_dir" -name 'local.settings*.json' -delete

  step "Zipping $zip_file"
  # -X: no extra attributes beyond the Unix mode; -y: store symlinks as links (there should be none).
  (cd "$package_dir" && zip -r -q -X -y "$zip_file" .)
}

case "${1:-}" in
  "") build false; verify ;;
  --self-contained) build true; verify ;;
  --verify) verify ;;
  -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) fail "unknown argument '$1' (use --self-contained, --verify or no argument)" ;;
esac
