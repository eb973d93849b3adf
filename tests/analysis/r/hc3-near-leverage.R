# estimatr's side of tests/analysis/hc3-near-leverage.test.ts (the exact values: hc3-near-leverage.py beside it).
# The data: tests/analysis/fixtures/leverage-near-one-43.csv, the forty-third R trial's leverage set (seed 43_100_001,
# tests/reference/differential/trial43-designs.ts): row 40 alone with k = "c" beside one other row, weight 1e6 (wk) or
# 1e4 with x = 1,000 (wk4, far3).
# Usage, from the repository root: Rscript tests/analysis/r/hc3-near-leverage.R   (R 4.2.2, estimatr 1.0.0)
suppressMessages(library(estimatr))
d <- read.csv("tests/analysis/fixtures/leverage-near-one-43.csv", stringsAsFactors = FALSE)
for (call in c('lm_robust(y ~ x + k, data = d, weights = wk, se_type = "HC3")', 'lm_robust(y ~ far3 + k, data = d, weights = wk4, se_type = "HC3")')) {
  cat(call, "\n"); print(format(tidy(eval(parse(text = call)))$std.error, digits = 17))
}
