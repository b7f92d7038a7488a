# shellcheck shell=bash disable=SC2154
# Shared by cluster.sh and faults.sh: three Concerto servers on loopback ports sharing one
# PostgreSQL database, behind HAProxy (deploy/haproxy.cfg). Expects $work (seeded by
# seed-needs: params.env, sessions.txt, need_ids.txt), $DB_URL and bench/lib.sh sourced.

command -v haproxy >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; }

declare -a server_pids=(0 0 0)
declare -a server_ports
balancer=""
lb_port=""

# Starts server N (1..3) on its port, logging to $work/serverN.log.
start_server() {
  local n=$1 port=${server_ports[$1 - 1]}
  CONCERTO_LOG=warn CONCERTO_TRUST_PROXY=true DATABASE_URL="$DB_URL" \
    CONCERTO_DATA_DIR="$work/data$n" CONCERTO_DIGEST_MINUTES="${DIGEST_MINUTES:-60}" \
    target/release/concerto serve --bind "127.0.0.1:$port" --public-url "http://127.0.0.1:$lb_port" \
    >>"$work/server$n.log" 2>&1 &
  server_pids[n - 1]=$!
}

# Starts the three servers and the balancer; waits until all answer.
start_cluster() {
  server_ports=("$(free_port)" "$(free_port)" "$(free_port)")
  lb_port=$(free_port)
  for n in 1 2 3; do mkdir -p "$work/data$n"; start_server "$n"; done
  for port in "${server_ports[@]}"; do wait_up "$port"; done
  LISTEN="127.0.0.1:$lb_port" SERVER1="127.0.0.1:${server_ports[0]}" \
    SERVER2="127.0.0.1:${server_ports[1]}" SERVER3="127.0.0.1:${server_ports[2]}" \
    haproxy -f deploy/haproxy.cfg >"$work/haproxy.log" 2>&1 &
  balancer=$!
  wait_up "$lb_port"
  # The balancer's first checks mark every server up after two good answers.
  sleep 2.5
}

stop_cluster() {
  for pid in "${server_pids[@]}" $balancer; do
    [ "$pid" != 0 ] && kill "$pid" 2>/dev/null
  done
  wait 2>/dev/null || true
  server_pids=(0 0 0); balancer=""
}
