#!/usr/bin/env bash
# The main job, locally: builds the app, then DevHost plays the Azure Functions host. It starts Azurite when none
# answers (UseDevelopmentStorage=true), starts the custom handler, fires the timers once at start (discovery over
# samples/leaders.csv with the sample districts of config/districts.json), runs the queue functions, writes the
# letters to outbox/ and serves the staff API on http://localhost:7071. Ctrl+C stops everything it started.
#
# Settings come from local.settings.json when present, else local.settings.sample.json; an environment variable
# wins over both. Extra arguments go to DevHost (see `./run.sh --help`).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

dotnet build Outreach.sln --configuration Debug --nologo --verbosity quiet
exec dotnet src/DevHost/bin/Debug/net10.0/Outreach.DevHost.dll --app-root "$PWD" --run-timers-on-startup "$@"
