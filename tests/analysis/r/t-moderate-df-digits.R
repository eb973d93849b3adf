# Expected values for 'pt at moderate df to the last digits' in tests/analysis/distributions.test.ts (R 4.2.2, base R).
# Run from the repository root:
#   Rscript tests/analysis/r/t-moderate-df-digits.R
# pt(t, df) for df from 7 to 13, where lbeta(df/2, 1/2) is lgamma(df/2) + lgamma(1/2) − lgamma(df/2 + 1/2) of three
# arguments below 10: the Lanczos logGamma vlab used until 2026-12-05 was a few units in the last place off there, so
# these p-values were 4e-15 … 2e-14 from R's; the exact values (mpmath betainc, 40 digits) agree with R's to 2e-15.
cases <- data.frame(t = c(-1, -1.5, -1, -1.5, -1, -1.5, -1), df = c(7, 7, 9, 9, 12.3, 12.3, 13))
cases$p <- mapply(function(t, df) pt(t, df), cases$t, cases$df)
cat(sprintf("  [%s, %s, %.17g],\n", cases$t, cases$df, cases$p), sep = "")
# pt(t, df) for df from 15 to 19 (R trial 27): three lgammas in lbeta and the incomplete beta's continued fraction as a
# product of Lentz ratios left these up to 9e-15 from R's (mpmath betainc agrees with R's to 2e-16 here).
cases <- data.frame(t = c(-1, -1.5, -1.5, -1.5, -1.5, -1.5, -3, -1), df = c(15, 15.5, 16, 17, 18, 19, 17, 19))
cases$p <- mapply(function(t, df) pt(t, df), cases$t, cases$df)
cat(sprintf("  [%s, %s, %.17g],\n", cases$t, cases$df, cases$p), sep = "")
