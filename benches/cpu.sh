# Sourced by the load benches: CPU time of a process tree, for "CPU per request" figures.

# utime+stime, in clock ticks, of process $1 and its children (nginx workers are children).
cpu_ticks() {
  local total=0
  for p in "$1" $(pgrep -P "$1" || true); do
    read -r -a f < "/proc/$p/stat"; total=$((total + f[13] + f[14]))
  done
  echo "$total"
}
HZ=$(getconf CLK_TCK)
