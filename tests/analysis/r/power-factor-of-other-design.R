# R's value in tests/analysis/power-factor-of-other-design.test.ts: the pooled two-arm test the hint of
# `vlab power --arms 6 --contrast main` describes — one two-level factor of a 2×3 of 50 a cell compared as two arms of
# 3 × 50 (df 298; the 2×3 model's own df would be 294). Before R trial 43 the test held the value without this script.
# Usage, from the repository root: Rscript tests/analysis/r/power-factor-of-other-design.R   (R 4.2.2)
cat(format(power.t.test(n = 150, delta = 0.3, sd = 1)$power, digits = 17), "\n")  # 0.73556474489...
