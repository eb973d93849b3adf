# R's side of tests/analysis/fixed-effects-transform.test.ts (R trial 34): a column beside a linear transform of it with
# fixed effects. x and I(2 * x + 3) (or I(x - 5), scale(x)) are dependent only with the constant the fixed effects absorb;
# estimatr leaves out the one its pivoted QR of the demeaned columns picks last — by their norms (2x + 3 demeaned is twice
# x's: x left out) or, where the norms tie (x and x − 5), by rounding. With the fixed effects as dummies in the formula,
# lm_robust leaves out the later column, the answer the refusal's advice leads to. R 4.2.2, estimatr 1.0.0.
# Two fixed effects (R trial 36, the test's `crossed` rows): estimatr's sweeps of the whole design keep I(x^2) and
# poly(x, 2) dependent, and its QR leaves out poly(x, 2)1; with h in the formula and the fixed effects it keeps hq at an SE
# of 4.6e11 (the sweeps' residue), which vlab declines.
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

# R trial 36: two fixed effects (the test's `crossed` rows, read here from its JSON form).
crossed <- jsonlite::fromJSON('[{"y":2.4,"x":1.5,"g":"a","h":"q"},{"y":3.9,"x":3.4,"g":"b","h":"q"},{"y":3.5,"x":4.6,"g":"c","h":"p"},{"y":4,"x":1,"g":"a","h":"p"},{"y":4,"x":0.3,"g":"b","h":"p"},{"y":0.1,"x":0.4,"g":"c","h":"q"},{"y":3.7,"x":4,"g":"a","h":"q"},{"y":0.3,"x":3.1,"g":"b","h":"q"},{"y":0.8,"x":4.5,"g":"c","h":"p"},{"y":3.2,"x":0.7,"g":"a","h":"p"},{"y":2.9,"x":3.7,"g":"b","h":"q"},{"y":3.3,"x":4.2,"g":"c","h":"q"},{"y":0.1,"x":1.7,"g":"a","h":"p"},{"y":2.6,"x":1.9,"g":"b","h":"p"},{"y":3.2,"x":1.6,"g":"c","h":"q"},{"y":2.2,"x":1,"g":"a","h":"q"},{"y":2.3,"x":2.1,"g":"b","h":"p"},{"y":3.4,"x":3,"g":"c","h":"p"},{"y":2.9,"x":2.9,"g":"a","h":"p"},{"y":2.3,"x":1.2,"g":"b","h":"p"},{"y":2.4,"x":2.6,"g":"c","h":"q"},{"y":1.2,"x":2.3,"g":"a","h":"p"},{"y":3.1,"x":1,"g":"b","h":"p"},{"y":3.4,"x":3,"g":"c","h":"q"}]')
print(tidy(lm_robust(y ~ I(x^2) + poly(x, 2), data = crossed, fixed_effects = ~ g + h, se_type = "HC1"))[, 1:3], digits = 16)
print(tidy(lm_robust(y ~ log1p(x) + I(3 * log1p(x) + 2) + h, data = crossed, fixed_effects = ~ g + h, se_type = "HC1"))[, 1:3], digits = 6)
# Output (R 4.2.2, estimatr 1.0.0):
#   I(x^2) 0.0223801683306549 SE 0.057397824478318; poly(x, 2)1 NA; poly(x, 2)2 0.4766054114869188 SE 1.608391450913202
#   log1p(x) NA; I(3 * log1p(x) + 2) 0.0759873 SE 0.297206; hq -10.3853437 SE 4.62189e+11
