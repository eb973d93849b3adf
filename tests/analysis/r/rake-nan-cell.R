# R's answer for tests/analysis/rake-missing-cell.test.ts: a rake variable (numeric codes) or a base weight with a
# cell NaN, as read.csv reads the text "NaN" in a numeric column. survey::rake stops on both (R's own words, no row);
# vlab refuses both in one message whether the data came as a CSV or as records.
# Usage, from the repository root: Rscript tests/analysis/r/rake-nan-cell.R   (R 4.2.2, survey 4.1-1)
suppressMessages(library(survey))
text <- "id,g,base\n1,1,1\n2,NaN,1\n3,2,2\n4,1,1\n5,2,1\n"
d <- read.csv(text = text, na.strings = c("", "NA"))
margins <- list(data.frame(g = c(1, 2), Freq = c(0.5, 0.5)))
cat(class(d$g), d$g, "\n")
# prints: numeric 1 NaN 2 1 2
cat(tryCatch({ rake(svydesign(ids = ~1, data = d, weights = ~rep(1, 5)), list(~g), margins); "no error" }, error = conditionMessage), "\n")
# prints: missing values in object
w <- read.csv(text = "id,g,base\n1,1,1\n2,2,NaN\n3,2,2\n4,1,1\n", na.strings = c("", "NA"))
cat(tryCatch({ rake(svydesign(ids = ~1, data = w, weights = ~base), list(~g), margins); "no error" }, error = conditionMessage), "\n")
# prints: missing values in `weights'
