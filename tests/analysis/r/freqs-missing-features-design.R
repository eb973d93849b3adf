# R trial 39: survey::svygofchisq of a feature with missing cells, on the rows showing it as a domain of the design
# (subset() keeps every row's or respondent's place in the variance: n/(n − 1) counts the rows missing the feature
# too), as an analyst types it; on the whole design svygofchisq stops ("all entries of 'x' must be nonnegative and
# finite"). Data: tests/analysis/freqs-missing-features.test.ts's 60 profiles, weights 1 + (i mod 4)/2 (i = 0…59).
# Usage: Rscript tests/analysis/r/freqs-missing-features-design.R
suppressMessages(library(survey))
A <- strsplit("NA x NA x z x y z y x z y z NA NA z NA y NA y NA x x y x x x x z x z z NA z y x z NA y x y z x NA z y x z x z y y z y z x z z y x", " ")[[1]]
A[A == "NA"] <- NA
d <- data.frame(respondent = paste0("R", (seq_along(A) - 1) %/% 3), a = factor(A), w = 1 + ((seq_along(A) - 1) %% 4) / 2)
# Every respondent of three rows has a: a respondent all of whose rows miss it is a cluster of the domain too.
d$a[d$respondent == "R0"] <- NA
p <- c(x = 1, y = 1, z = 1) / 3
show <- function(label, des) {
  t <- svygofchisq(~a, p, subset(des, !is.na(a)))
  cat(label, sprintf("%.15g", c(t$statistic, t$parameter[["df"]], t$parameter[["scale"]], t$p.value)), "\n")
}
show("rows", svydesign(ids = ~1, weights = ~w, data = d))
show("respondents", svydesign(ids = ~respondent, weights = ~w, data = d))
