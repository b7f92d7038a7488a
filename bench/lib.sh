# Shared by the load benchmarks (needs.sh, solutions.sh): a free port, waiting for a server,
# warming up, and one measured endpoint. Expects CONNECTIONS, DURATION and $work to be set.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$1/health" >/dev/null && return; sleep 0.1; done; echo "server did not start" >&2; exit 1; }

# 2 s of load unmeasured: caches filled, connections opened.
warm() { wrk -t2 -c"$CONNECTIONS" -d2s "$@" >/dev/null; }

# One measured endpoint (after warming up unless WARM=no): wrk runs RUNS times (3 unless
# told) and the run with the median requests/s is printed: name, requests/s, p50, p99 and any
# errors. The machine's neighbours come and go; one run alone can land 30 % low.
load() {
  local name=$1 url=$2; shift 2
  local runs=() out
  [ "${WARM:-yes}" = no ] || warm "$@" "$url"
  for _ in $(seq 1 "${RUNS:-3}"); do
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url")
    runs+=("$(printf '%s\t%s\t%s\t%s' \
      "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
      "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
      "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
      "$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | tr '\n' ' ')")")
  done
  local median
  median=$(printf '%s\n' "${runs[@]}" | sort -t$'\t' -k1,1 -g | awk -v n="${#runs[@]}" 'NR == int((n + 1) / 2)')
  IFS=$'\t' read -r rps p50 p99 errors <<<"$median"
  printf "%-${NAME_WIDTH:-22}s %10s %9s %9s %s\n" "$name" "$rps" "$p50" "$p99" "$errors"
  echo "$rps" >"$work/last_rps"
}

