# R's side of tests/analysis/fixed-effects-transform.test.ts (R trial 34): a column beside a linear transform of it with
# fixed effects. x and I(2 * x + 3) (or I(x - 5), scale(x)) are dependent only with the constant the fixed effects absorb;
# estimatr leaves out the one its pivoted QR of the demeaned columns picks last — by their norms (2x + 3 demeaned is twice
# x's: x left out) or, where the norms tie (x and x − 5), by rounding. With the fixed effects as dummies in the formula,
# lm_robust leaves out the later column, the answer the refusal's advice leads to. R 4.2.2, estimatr 1.0.0.
# Usage: Rscript tests/analysis/r/fixed-effects-transform.R
suppressMessages(library(estimatr))
d <- data.frame(
  y = c(1.2, 0.7, 2.3, 1.9, 3.1, 2.2, 0.4, 1.6, 2.8, 3.3, 1.1, 2.0),
  x = c(0.5, 1.5, 2.0, 3.5, 4.0, 1.0, 0.2, 2.5, 3.0, 4.5, 1.2, 2.2),
  g = rep(c("a", "b", "c"), each = 4))
show <- function(fit) print(signif(coef(fit), 15))
show(lm_robust(y ~ x + I(2 * x + 3), data = d, fixed_effects = ~ g))    # x NA, I(2 * x + 3) 0.2631371
show(lm_robust(y ~ x + I(x - 5), data = d, fixed_effects = ~ g))        # I(x - 5) NA here: the norms tie, rounding decides
show(lm_robust(y ~ x + scale(x), data = d, fixed_effects = ~ g))        # scale(x) NA (its norm is x's over sd(x) = 1.3)
# The advice of vlab's refusal: one of the two columns left out (either gives the same fit, x's slope or twice it).
print(tidy(lm_robust(y ~ x, data = d, fixed_effects = ~ g))[, c("term", "estimate", "std.error", "df")], digits = 15)
print(tidy(lm_robust(y ~ I(2 * x + 3), data = d, fixed_effects = ~ g))[, c("term", "estimate", "std.error", "df")], digits = 15)
# Output (R 4.2.2, estimatr 1.0.0):
#            x I(2 * x + 3)          x  I(x - 5)          x  scale(x)
#           NA    0.2631371  0.5262742        NA  0.5262742        NA
#   x             0.52627419992098  SE 0.115534275284476   df 8
#   I(2 * x + 3)  0.26313709996049  SE 0.0577671376422381  df 8
