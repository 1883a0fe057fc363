#!/usr/bin/env bash
# Builds the deployable Azure Functions package of Outreach (a custom handler) and checks its layout.
#
#   ./package.sh            build artifacts/package and artifacts/outreach.zip, then verify both
#   ./package.sh --verify   only verify an existing artifacts/package and artifacts/outreach.zip
#
# Layout (the Functions host reads it from the app root):
#   host.json
#   <FunctionName>/function.json     one folder per functions/<FunctionName>/function.json in the repo
#   config/  templates/              read by the handler relative to FUNCTIONS_APP_ROOT_PATH
#   handler/Outreach.Functions       self-contained linux-x64 publish (host.json defaultExecutablePath)
#
# The zip is built with Info-ZIP `zip` on Linux so that each entry keeps its Unix mode: the host starts
# handler/Outreach.Functions directly and fails with "Permission denied" when the execute bit is lost.
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

# host.json's customHandler.description.defaultExecutablePath, relative to the app root.
executable_path_from() {
  python3 - "$1" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    host = json.load(f)
path = (host.get("customHandler") or {}).get("description", {}).get("defaultExecutablePath", "")
print(path)
PY
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

  [[ -f "$package_dir/host.json" ]] || problem "host.json is missing at the package root"

  local executable=""
  if [[ -f "$package_dir/host.json" ]]; then
    executable="$(executable_path_from "$package_dir/host.json")"
    [[ -n "$executable" ]] || problem "host.json has no customHandler.description.defaultExecutablePath"
  fi

  # Every function folder of the repository must be in the package, with its function.json.
  local function_count=0 source_json name
  for source_json in "$repo_root"/functions/*/function.json; do
    [[ -e "$source_json" ]] || continue
    name="$(basename "$(dirname "$source_json")")"
    function_count=$((function_count + 1))
    if [[ ! -f "$package_dir/$name/function.json" ]]; then
      problem "function folder $name/function.json is missing"
    elif ! cmp -s "$source_json" "$package_dir/$name/function.json"; then
      problem "$name/function.json differs from functions/$name/function.json (stale package?)"
    fi
  done
  (( function_count > 0 )) || problem "the repository has no functions/<Name>/function.json"

  local folder
  for folder in config templates; do
    if [[ -d "$repo_root/$folder" && ! -d "$package_dir/$folder" ]]; then
      problem "$folder/ is missing from the package"
    fi
  done

  # Entry listing of the zip: mode in column 1, name in the last column (names have no spaces).
  local listing
  listing="$(zipinfo -l "$zip_file" 2>/dev/null | awk 'NF >= 9 && $1 ~ /^[-dl]/ { print $1, $NF }')"

  if grep -Eq "$forbidden_pattern" <<<"$(awk '{ print $2 }' <<<"$listing")"; then
    problem "the zip contains local settings, samples, outbox or Azurite data:"
    awk '{ print $2 }' <<<"$listing" | grep -E "$forbidden_pattern" | head -5 >&2
  fi
  if find "$package_dir" -print | sed "s|^$package_dir/||" | grep -Eq "$forbidden_pattern"; then
    problem "the package folder contains local settings, samples, outbox or Azurite data"
  fi

  grep -Eq '^-[^ ]* host\.json$' <<<"$listing" || problem "host.json is not at the root of the zip"
  for source_json in "$repo_root"/functions/*/function.json; do
    [[ -e "$source_json" ]] || continue
    name="$(basename "$(dirname "$source_json")")"
    grep -Eq "^-[^ ]* $name/function\.json$" <<<"$listing" || problem "the zip has no $name/function.json"
  done

  # Self-contained: the runtime travels in handler/, so the platform's .NET version never matters.
  local runtime_config="$package_dir/${executable%/*}/Outreach.Functions.runtimeconfig.json"
  if [[ -n "$executable" ]]; then
    if [[ ! -f "$runtime_config" ]] || ! grep -q '"includedFrameworks"' "$runtime_config"; then
      problem "the handler is not a self-contained publish ($runtime_config has no includedFrameworks)"
    fi
    if [[ ! -f "$package_dir/${executable%/*}/libcoreclr.so" ]]; then
      problem "handler/ has no libcoreclr.so: not a linux-x64 self-contained publish"
    fi
  fi

  if [[ -n "$executable" ]]; then
    if [[ ! -x "$package_dir/$executable" ]]; then
      problem "$executable is missing or not executable in the package folder"
    fi
    local mode
    mode="$(awk -v name="$executable" '$2 == name { print $1 }' <<<"$listing")"
    if [[ -z "$mode" ]]; then
      problem "$executable is not in the zip"
    elif [[ "$mode" != -rwx* || "${mode:6:1}" != "x" || "${mode:9:1}" != "x" ]]; then
      problem "$executable has mode $mode in the zip; the host needs it executable (-rwxr-xr-x)"
    else
      echo "  $executable in the zip: $mode"
    fi
  fi

  if (( errors > 0 )); then
    fail "$errors problem(s) in the package"
  fi
  echo "  OK: host.json, $function_count function folder(s), handler executable; $(du -h "$zip_file" | cut -f1) zip"
}

build() {
  require_tool dotnet
  require_tool zip "Info-ZIP zip keeps Unix file modes; do not zip on Windows"
  require_tool python3

  [[ -f "$repo_root/host.json" ]] || fail "host.json is missing at the repository root"
  local executable
  executable="$(executable_path_from "$repo_root/host.json")"
  [[ -n "$executable" ]] || fail "host.json has no customHandler.description.defaultExecutablePath"
  case "$executable" in
    handler/*) ;;
    *) fail "host.json defaultExecutablePath is '$executable'; this script publishes into handler/" ;;
  esac

  step "Cleaning $artifacts"
  rm -rf "$package_dir" "$zip_file"
  mkdir -p "$package_dir"

  step "Copying host.json and function folders"
  cp "$repo_root/host.json" "$package_dir/host.json"
  local source_json name copied=0
  for source_json in "$repo_root"/functions/*/function.json; do
    [[ -e "$source_json" ]] || continue
    name="$(basename "$(dirname "$source_json")")"
    mkdir -p "$package_dir/$name"
    cp "$source_json" "$package_dir/$name/function.json"
    echo "  $name"
    copied=$((copied + 1))
  done
  (( copied > 0 )) || fail "no functions/<Name>/function.json found"

  local folder
  for folder in config templates; do
    if [[ -d "$repo_root/$folder" ]]; then
      step "Copying $folder/"
      cp -R "$repo_root/$folder" "$package_dir/$folder"
    else
      echo "package.sh: warning: $folder/ does not exist in the repository; the package has none" >&2
    fi
  done
  # A developer's local settings never travel, wherever they sit.
  find "$package_dir" -name 'local.settings*.json' -delete

  step "Publishing the handler ($runtime_identifier, self-contained)"
  dotnet publish "$project" -c Release -r "$runtime_identifier" --self-contained true \
    -p:DebugType=None -p:DebugSymbols=false -o "$package_dir/handler" --nologo
  find "$package_dir/handler" -name 'local.settings*.json' -delete
  [[ -f "$package_dir/$executable" ]] || fail "publish did not produce $executable"
  chmod 755 "$package_dir/$executable"

  step "Zipping $zip_file"
  # -X: no extra attributes beyond the Unix mode; -y: store symlinks as links (there should be none).
  (cd "$package_dir" && zip -r -q -X -y "$zip_file" .)
}

case "${1:-}" in
  "") build; verify ;;
  --verify) verify ;;
  -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) fail "unknown argument '$1' (use --verify or no argument)" ;;
esac
