#!/bin/bash
# Issue 10's acceptance figures for one tunerd jar: transfer regret, the two baselines and model MAPE on the
# measured data sets, printed as Markdown tables, so that two model changes can be compared on the same runs.
# usage: bench/transfer-acceptance.sh JAR [OUTDIR]
#   e.g. bench/transfer-acceptance.sh daemon/target/tunerd.jar /tmp/accept-new
# Every case runs at budgets 10 and 19 with objectives min-energy and min-latency (4 runs per simulate):
#   a  each of the 5 TX2 grid files (jetson-tx2) as the only source -> the sampled TX2 target
#      (jetson-tx2-sampled/tx2_unknown_output1), one line per source         goal: regret at 19 <= 5%
#   b  board change: xavier_xception_source -> tx2_xception_5000img (board-change), --seed 1..5
#      (the replay device draws recorded runs by seed), one line per seed    goal: regret at 19 <= 10%
#   c  the TX2 grid files -> each other (--pairwise, 20 pairs)               goal: regret at 19 <= 5%
# OUTDIR (default: a new /tmp/transfer-acceptance.XXXXXX) keeps each simulate's stdout (.out), stderr (.err) and
# summary CSV (.csv, columns as `tunerd simulate --out`); the tables are recomputed from those CSVs.
# Environment: CASES (default "a b c"), DATA (default: ../shared/datasets next to the repository),
#   SEEDS (seeds of case b, default "1 2 3 4 5").
# Wall and CPU seconds of each case are printed at the end (CPU = user+sys of the simulate JVMs).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)

die() { echo "transfer-acceptance: $*" >&2; exit 2; }

[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: bench/transfer-acceptance.sh JAR [OUTDIR]"
jar=$1
[ -f "$jar" ] || die "jar not found: $jar (build it with: mvn -q -B package -DskipTests -Djdeb.skip=true)"
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
command -v java >/dev/null || die "java not found on PATH (Java 17 or later is needed)"
cases=${CASES:-a b c}
seeds=${SEEDS:-1 2 3 4 5}
data=${DATA:-$here/../../shared/datasets}
[ -d "$data" ] || die "data folder not found: $data (set DATA to the folder holding jetson-tx2, jetson-tx2-sampled, board-change)"
data=$(cd "$data" && pwd)

grid="inceptionv3_600x600 xception_200x200 xception_400x400 xception_600x600 xception_800x800"
need=()
for c in $cases; do
  case $c in
    a) for s in $grid; do need+=("jetson-tx2/$s.csv"); done; need+=(jetson-tx2-sampled/tx2_unknown_output1.csv) ;;
    b) need+=(board-change/xavier_xception_source.csv board-change/tx2_xception_5000img.csv) ;;
    c) for s in $grid; do need+=("jetson-tx2/$s.csv"); done ;;
    *) die "unknown case '$c' in CASES (known: a b c)" ;;
  esac
done
for f in "${need[@]}"; do [ -f "$data/$f" ] || die "data file not found: $data/$f (DATA=$data)"; done

out=${2:-}
if [ -z "$out" ]; then out=$(mktemp -d /tmp/transfer-acceptance.XXXXXX); else mkdir -p "$out" || die "cannot create OUTDIR $out"; fi
out=$(cd "$out" && pwd)

runs=(--budget 10,19 --objective min-energy,min-latency)
failed=0
# one simulate: NAME then the simulate arguments; keeps NAME.out, NAME.err, NAME.csv in OUTDIR
sim() {
  local name=$1; shift
  rm -f "$out/$name.csv"
  java -jar "$jar" simulate "$@" "${runs[@]}" --out "$out/$name.csv" >"$out/$name.out" 2>"$out/$name.err"
  local rc=$?
  if [ $rc -ne 0 ] || [ ! -s "$out/$name.csv" ]; then
    echo "transfer-acceptance: simulate $name failed (exit $rc), see $out/$name.err; its last lines:" >&2
    tail -n 3 "$out/$name.err" | sed 's/^/    /' >&2
    failed=1
  fi
}
case_a() {
  for s in $grid; do
    sim "a-$s" --replay "$data/jetson-tx2,$data/jetson-tx2-sampled" --source "$s" --target tx2_unknown_output1
  done
}
case_b() {
  for n in $seeds; do
    sim "b-seed$n" --replay "$data/board-change" --source xavier_xception_source --target tx2_xception_5000img --seed "$n"
  done
}
case_c() { sim c-pairwise --replay "$data/jetson-tx2" --pairwise; }

# The tables, from the summary CSVs (case = the file name's prefix before '-'): POSIX awk (mawk, gawk, busybox).
read -r -d '' tables <<'AWK'
function csv(line, f,   n, i, ch, q, cur) {           # split one CSV line, "quoted, fields" and "" escapes
  n = 0; cur = ""; q = 0
  for (i = 1; i <= length(line); i++) {
    ch = substr(line, i, 1)
    if (q) { if (ch == "\"") { if (substr(line, i + 1, 1) == "\"") { cur = cur "\""; i++ } else q = 0 } else cur = cur ch }
    else if (ch == "\"") q = 1
    else if (ch == ",") { f[++n] = cur; cur = "" }
    else cur = cur ch
  }
  f[++n] = cur
  return n
}
function isnum(x) { return x ~ /^-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$/ }
function val(name) { return (name in col) ? f[col[name]] : "" }
function pct(x) { return x == "" ? "n/a" : sprintf("%.1f%%", x) }
function mean(s, n) { return n > 0 ? s / n : "" }
BEGIN {
  goal["a"] = 5; goal["b"] = 10; goal["c"] = 5
  title["a"] = "a. grid TX2 source -> sampled TX2 target (tx2_unknown_output1)"
  title["b"] = "b. board change xavier_xception_source -> tx2_xception_5000img"
  title["c"] = "c. TX2 grid sources -> each other (pairwise)"
  line["a"] = "source"; line["b"] = "seed"; line["c"] = "pair"
  no = split("min-energy min-latency", objs, " "); nb = split("10 19", budgets, " ")
}
{ sub(/\r$/, "") }
FNR == 1 {
  split("", col); nf = csv($0, f)
  for (i = 1; i <= nf; i++) col[f[i]] = i
  if (!("regret_pct" in col) || !("objective" in col) || !("budget" in col) || !("source" in col)) {
    print "transfer-acceptance: " FILENAME ": no regret_pct/objective/budget/source column in the header" > "/dev/stderr"; bad = 1; exit 1
  }
  c = FILENAME; sub(/.*\//, "", c); sub(/-.*/, "", c)
  next
}
{
  csv($0, f)
  o = val("objective"); b = val("budget"); r = val("regret_pct")
  L = (c == "b") ? "seed " val("seed") : (c == "c") ? val("source") " -> " val("target") : val("source")
  if (!((c, L) in seen)) { seen[c, L] = 1; labels[c, ++nl[c]] = L }
  g = c SUBSEP o SUBSEP b
  runs[g]++
  if (!isnum(r)) { cell[c, L, o, b] = "n/a"; notruth[g]++; next }
  r += 0; n[g]++; sr[g] += r
  if (!(g in mx) || r > mx[g]) { mx[g] = r; worst[g] = L }
  mark = ""
  x = val("random_expected_regret_pct"); if (isnum(x)) { srnd[g] += x; nrnd[g]++; if (r > x + 0) { wrnd[g]++; mark = mark "r" } }
  x = val("source_top_regret_pct"); if (isnum(x)) { stop[g] += x; ntop[g]++; if (r > x + 0) { wtop[g]++; mark = mark "s" } }
  x = val("latency_mape_pct"); if (isnum(x)) { slm[g] += x; nlm[g]++ }
  x = val("energy_mape_pct"); if (isnum(x)) { sem[g] += x; nem[g]++ }
  if (b == 19 && r > goal[c]) { miss[g]++; mark = mark "!"; missed[c, ++nmiss[c]] = L " " o " " sprintf("%.1f%%", r) }
  cell[c, L, o, b] = sprintf("%.1f", r) (mark == "" ? "" : " " mark)
}
END {
  if (bad) exit 1
  nc = split(cases, cs, " ")
  print "## Overview"
  print ""
  print "Regret of the applied configuration (% over the measured optimum); baselines with as many measurements: random-B"
  print "= expected regret of the best of B random configurations, src-top-B = regret of the best of the source's"
  print "predicted top B; MAPE over the rows not measured. `> random-B` / `> src-top-B` count runs whose regret is worse"
  print "than that baseline; `miss goal` counts runs at B = 19 above the goal (5% same board, 10% board change)."
  print ""
  print "| case | objective | B | runs | regret mean | regret max (worst " "line" ") | random-B mean | src-top-B mean | lat. MAPE | en. MAPE | > random-B | > src-top-B | miss goal |"
  print "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for (k = 1; k <= nc; k++) { c = cs[k]
    for (i = 1; i <= no; i++) for (j = 1; j <= nb; j++) {
      o = objs[i]; b = budgets[j]; g = c SUBSEP o SUBSEP b
      if (!(g in runs)) continue
      printf "| %s | %s | %s | %d%s | %s | %s (%s) | %s | %s | %s | %s | %d | %d | %s |\n", c, o, b, runs[g],
        (g in notruth) ? " (" notruth[g] " n/a)" : "", pct(mean(sr[g], n[g])), pct(mx[g]), (mx[g] > 0) ? worst[g] : "-",
        pct(mean(srnd[g], nrnd[g])), pct(mean(stop[g], ntop[g])), pct(mean(slm[g], nlm[g])), pct(mean(sem[g], nem[g])),
        wrnd[g], wtop[g], (b == 19) ? (miss[g] + 0) "/" n[g] " (goal " goal[c] "%)" : "-"
    }
  }
  for (k = 1; k <= nc; k++) { c = cs[k]
    if (!(c in nl)) continue
    print ""
    print "## " title[c]
    print ""
    if (c == "c") {
      printf "Runs at B = 19 above the %d%% goal:", goal[c]
      if (!(c in nmiss)) print " none."
      else { print ""; for (i = 1; i <= nmiss[c]; i++) print "- " missed[c, i] }
      continue
    }
    print "Regret % per " line[c] "; marks: r worse than random-B, s worse than src-top-B, ! above the goal at B = 19."
    print ""
    hdr = "| " line[c]; sep = "| ---"
    for (i = 1; i <= no; i++) for (j = 1; j <= nb; j++) { hdr = hdr " | " objs[i] " B=" budgets[j]; sep = sep " | ---:" }
    print hdr " |"; print sep " |"
    for (m = 1; m <= nl[c]; m++) { L = labels[c, m]; row = "| " L
      for (i = 1; i <= no; i++) for (j = 1; j <= nb; j++) {
        key = c SUBSEP L SUBSEP objs[i] SUBSEP budgets[j]; row = row " | " ((key in cell) ? cell[key] : "-") }
      print row " |"
    }
  }
  print ""
  print "## Time on this machine"
  print ""
  print "| case | wall s | CPU s (user+sys) |"
  print "| --- | ---: | ---: |"
  while ((getline t < timing) > 0) { split(t, tt, " "); print "| " tt[1] " | " tt[2] " | " tt[3] " |" }
}
AWK

timing=$out/timing.txt
: >"$timing"
for c in $cases; do
  echo "transfer-acceptance: case $c ..." >&2
  t0=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat 2>/dev/null || echo 0)
  start=$EPOCHREALTIME
  "case_$c"
  end=$EPOCHREALTIME
  # CPU of the finished children (cutime+cstime of this shell), in clock ticks
  t1=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat 2>/dev/null || echo 0)
  echo "$c $(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.0f", e-s}') $(( (t1 - t0) / $(getconf CLK_TCK) ))" >>"$timing"
done

{
  echo "# Transfer acceptance (issue 10)"
  echo
  echo "jar: \`$jar\` ($(stat -c %s "$jar") bytes, $(sha256sum "$jar" | cut -c1-12), built $(date -u -r "$jar" '+%F %T') UTC)"
  echo "run: $(date -u '+%F %T') UTC on $(hostname), $(nproc) cores; data: \`$data\`; outputs: \`$out\`"
  echo
} 
csvs=()
for c in $cases; do for f in "$out/$c"-*.csv; do [ -s "$f" ] && csvs+=("$f"); done; done
[ ${#csvs[@]} -gt 0 ] || die "no summary CSV was written in $out"
awk -v cases="$cases" -v timing="$timing" "$tables" "${csvs[@]}"
[ $failed -eq 0 ] || { echo "transfer-acceptance: some simulate runs failed (see above); their lines are missing" >&2; exit 1; }
