#!/usr/bin/env bash
# Platform footprint: boot time of the assembly to "all Urbis bundles active", inventory load time
# of 10,000 devices, and idle heap with an empty inventory (the baseline) and with 10,000 devices.
#
#   benchmarks/platform/run.sh            (after: mvn -B -DskipTests package)
#
# Figures go to benchmarks/platform/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist="$root/karaf-assembly/target/assembly"
out="$here/target"
devices=${DEVICES:-10000}
[ -x "$dist/bin/karaf" ] || { echo "no assembly at $dist: run 'mvn -B -DskipTests package' first" >&2; exit 1; }

rm -rf "$out" && mkdir -p "$out"
instance="$out/instance"
cp -a "$dist" "$instance"
# Free ports for this run, so a running demo is not disturbed.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sed -i "s/^sshPort *=.*/sshPort = $(free_port)/" "$instance/etc/org.apache.karaf.shell.cfg"
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $(free_port)/; s/^rmiServerPort *=.*/rmiServerPort = $(free_port)/" \
    "$instance/etc/org.apache.karaf.management.cfg"
rm -f "$instance"/etc/urbis/inventory/*
log="$instance/data/log/karaf.log"

start_ms=$(date +%s%3N)
"$instance/bin/start"
trap '"$instance/bin/stop" >/dev/null 2>&1 || true' EXIT

wait_for() { # pattern, seconds
    local deadline=$(( $(date +%s) + $2 ))
    until grep -q "$1" "$log" 2>/dev/null; do
        [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out waiting for '$1' in $log" >&2; exit 1; }
        sleep 0.2
    done
}
# Karaf logs "Done." when the boot features' bundles are all started; the core logs its first load.
wait_for 'Inventory loaded from' 180
wait_for 'Done\.' 180
log_ms() { # epoch ms of the first log line matching a pattern
    grep -m1 "$1" "$log" | python3 -c '
import sys, datetime
stamp = sys.stdin.read().split(" |")[0].strip().replace(",", ".")
print(int(datetime.datetime.fromisoformat(stamp).timestamp() * 1000))'
}
boot_ms=$(( $(log_ms 'Done\.') - start_ms ))
pid=$(cat "$instance/karaf.pid" 2>/dev/null || pgrep -f "karaf.base=$instance" | head -1)

heap_used_kb() {
    jcmd "$pid" GC.run >/dev/null
    jcmd "$pid" GC.heap_info | python3 -c '
import re, sys
text = sys.stdin.read()
m = re.search(r"used (\d+)K", text)
print(m.group(1))'
}
baseline_heap=$(heap_used_kb)

python3 - "$instance/etc/urbis/inventory/.benchmark.csv" "$devices" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("id,class,driver,address,lat,lon,tag.street,tag.zone,tag.cabinet\n")
    for i in range(n):
        f.write(f"SL-{i:05d},streetlight,streetlight,urbis/luminaires/SL-{i:05d},{10.90 + (i % 100) * 0.0005:.5f},"
                f"{108.08 + (i // 100) * 0.0005:.5f},Street {i // 100},Z{i // 1000},CAB-{i // 50}\n")
PY
# Renamed into place in one step, so the watcher sees a whole file (dot-files are ignored).
mv "$instance/etc/urbis/inventory/.benchmark.csv" "$instance/etc/urbis/inventory/benchmark.csv"
deadline=$(( $(date +%s) + 120 ))
until grep -q "Inventory loaded from.* $devices device(s)" "$log"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "the $devices-device inventory did not load" >&2; grep -i inventory "$log" | tail -5 >&2; exit 1; }
    sleep 0.2
done
load_ms=$(grep "Inventory loaded from.* $devices device(s)" "$log" | tail -1 | sed -E 's/.* in ([0-9]+) ms.*/\1/')
loaded_heap=$(heap_used_kb)

{
    echo "# Urbis platform footprint, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
    echo "boot_to_all_bundles_active_ms $boot_ms"
    echo "inventory_load_ms_${devices}_devices $load_ms"
    echo "idle_heap_used_kb_empty_inventory $baseline_heap   # baseline, same run"
    echo "idle_heap_used_kb_${devices}_devices $loaded_heap"
    echo "heap_per_device_bytes $(( (loaded_heap - baseline_heap) * 1024 / devices ))"
} | tee "$out/results.txt"
