# Expected values for tests/analysis/formula-cases.test.ts and formula.test.ts, from R itself:
#   terms.json  attr(terms(f), ...) for formulas: term labels, intercept, variables, the factor pattern
#   fits.json   tidy(lm_robust(...)) for formulas estimatr accepts, on the seeded data sets written here
#               (data read back with read.csv(stringsAsFactors = TRUE, na.strings = c("", "NA")), as vlab reads
#               CSV), and R's error message where R refuses the model
#   collation.json  sort() of label sets in the C locale (code-point order, as vlab) and in en_US.UTF-8 (ICU, strcoll)
# Regenerate from the repository root (R 4.2.2, estimatr 1.0.0, glibc 2.36 were used; run in the C locale, which
# sorts factor levels in code-point order as vlab does). en_US.UTF-8 must exist; where it is not installed,
# `localedef -i en_US -f UTF-8 /tmp/loc/en_US.UTF-8` makes it, and LOCPATH=/tmp/loc finds it:
#   LOCPATH=/tmp/loc LC_ALL=C Rscript tests/analysis/formula-cases/generate.R
suppressMessages({ library(estimatr); library(jsonlite) })
here <- "tests/analysis/formula-cases"

# ---- data sets -------------------------------------------------------------------------------------------
set.seed(20261202)
n <- 90
main <- data.frame(
  id = rep(seq_len(18), each = 5),
  a = sample(c("p", "q"), n, TRUE),
  b = sample(c("r", "s", "t"), n, TRUE),
  c = sample(c("u", "v"), n, TRUE),
  f = sample(c("a", "b", "c"), n, TRUE),
  k = sample(c(1, 2, 10), n, TRUE),
  x = round(runif(n, 0.5, 3), 4),
  z = round(rnorm(n), 4),
  w = round(runif(n, 0.2, 2), 3),
  l = sample(c(TRUE, FALSE), n, TRUE)
)
main$y <- round(0.5 * (main$a == "q") - 0.3 * (main$b == "t") + 0.4 * main$x - 0.2 * main$z +
  0.6 * (main$a == "q") * (main$c == "v") + 0.5 * main$z^2 + rnorm(n), 5)
main$yl <- main$y > 0.8
write.csv(main, file.path(here, "main.csv"), row.names = FALSE)

small <- main[, c("y", "x", "a", "b")]
write.csv(small, file.path(here, "small.csv"), row.names = FALSE)

# Missing values: y missing in rows 3, 7, 11; z negative in some rows (log(z) is NaN there); a level of g only in
# rows whose outcome is missing, so g has one level in the complete rows.
gaps <- main[, c("y", "x", "z", "a", "b")]
gaps$y[c(3, 7, 11)] <- NA
gaps$g <- ifelse(seq_len(n) %in% c(3, 7, 11), "late", "early")
write.csv(gaps, file.path(here, "gaps.csv"), row.names = FALSE)

# Labels whose code-point order differs from an en_US collation: "< 10k" / "100k+", "Banana" / "apple".
labels <- main[, c("y", "x")]
labels$income <- sample(c("< 10k", "10-50k", "100k+"), n, TRUE)
labels$fruit <- sample(c("apple", "Banana", "cherry"), n, TRUE)
write.csv(labels, file.path(here, "labels.csv"), row.names = FALSE)

read <- function(file) read.csv(file.path(here, file), stringsAsFactors = TRUE, na.strings = c("", "NA"))

# ---- terms ------------------------------------------------------------------------------------------------
term_formulas <- c(
  "y ~ a * b * c - a:b:c", "y ~ (a + b + c)^2", "y ~ (a + b)^3", "y ~ a/b", "y ~ (a + b)/c", "y ~ a/(b + c)",
  "y ~ b %in% a", "y ~ a + b %in% a", "y ~ a:b + b:c", "y ~ a:b + a:c", "y ~ a + a:b:c", "y ~ b:a + a",
  "y ~ 0 + a", "y ~ a - 1", "y ~ -1 + a", "y ~ +a", "y ~ a + 0 + b", "y ~ a * b - 1 + 1", "y ~ a:x + x:b",
  "y ~ I(x^2) + log(x) + x", "y ~ poly(x, 2):a + a", "y ~ a + offset(x)", "log(y) ~ a * x", "y ~ a * b - a",
  "y ~ (a + b) * c - b", "y ~ a^2", "y ~ x %in% a", "y ~ a*b + b*c + a*c - a:b:c + a:b:c"
)
terms_out <- lapply(term_formulas, function(s) {
  t <- terms(as.formula(s))
  factors <- attr(t, "factors")
  list(
    formula = s,
    labels = I(attr(t, "term.labels")),
    intercept = attr(t, "intercept") == 1,
    variables = I(vapply(as.list(attr(t, "variables"))[-1], function(v) paste(deparse(v), collapse = ""), "")),
    offset = I(if (is.null(attr(t, "offset"))) integer(0) else attr(t, "offset")),
    factors = if (length(factors)) lapply(seq_len(ncol(factors)), function(j) I(unname(factors[, j]))) else list()
  )
})
write_json(terms_out, file.path(here, "terms.json"), auto_unbox = TRUE, pretty = TRUE)

# ---- fits -------------------------------------------------------------------------------------------------
fit_cases <- list(
  # Model-matrix coding: contrasts only where the term without the factor is in an earlier term.
  list(name = "margin a:b + b:c", data = "main.csv", matrix = TRUE, formula = "y ~ a:b + b:c"),
  list(name = "margin a:b + a:c", data = "main.csv", matrix = TRUE, formula = "y ~ a:b + a:c"),
  list(name = "margin a + a:b:c", data = "main.csv", matrix = TRUE, formula = "y ~ a + a:b:c"),
  list(name = "margin a:x + x:b", data = "main.csv", matrix = TRUE, formula = "y ~ a:x + x:b"),
  list(name = "margin x:a + b", data = "main.csv", matrix = TRUE, formula = "y ~ x:a + b"),
  list(name = "margin a:b:c", data = "main.csv", matrix = TRUE, formula = "y ~ a:b:c"),
  list(name = "no intercept a:b + b:c", data = "main.csv", matrix = TRUE, formula = "y ~ 0 + a:b + b:c"),
  list(name = "no intercept x + a:b", data = "main.csv", matrix = TRUE, formula = "y ~ 0 + x + a:b"),
  list(name = "no intercept x:a + b:c", data = "main.csv", matrix = TRUE, formula = "y ~ 0 + x:a + b:c"),
  list(name = "no intercept a * b", data = "main.csv", matrix = TRUE, formula = "y ~ a * b - 1"),
  list(name = "margin a:b + b:c, CR2", data = "main.csv", formula = "y ~ a:b + b:c", clusters = "id"),
  # Formula syntax estimatr accepts.
  list(name = "transformations", data = "main.csv", formula = "y ~ I(x^2) + I(x * z) + log(x) + sqrt(x) + exp(z) + scale(z)"),
  list(name = "poly", data = "main.csv", formula = "y ~ poly(x, 2) + poly(z, 3):a"),
  list(name = "poly raw", data = "main.csv", formula = "y ~ poly(x, 2, raw = TRUE) + a"),
  # relevel() wants a factor: f's levels are declared (R >= 4 reads text as character, and vlab refuses it so).
  list(name = "factor and relevel", data = "main.csv", formula = "y ~ factor(k) + relevel(f, ref = \"b\")", levels = list(f = c("a", "b", "c"))),
  list(name = "power of a sum", data = "main.csv", formula = "y ~ (a + b + c)^2"),
  list(name = "nesting", data = "main.csv", formula = "y ~ a/b"),
  list(name = "in", data = "main.csv", formula = "y ~ x %in% a"),
  list(name = "dot", data = "small.csv", formula = "y ~ ."),
  list(name = "dot with outcome transformed", data = "small.csv", formula = "log(x) ~ ."),
  list(name = "leading plus", data = "main.csv", formula = "y ~ + a + x"),
  list(name = "outcome transformed", data = "main.csv", formula = "log(x) ~ a + z"),
  list(name = "offset ignored", data = "main.csv", formula = "y ~ a + offset(z)"),
  list(name = "term removal", data = "main.csv", formula = "y ~ a * b - a"),
  list(name = "arithmetic in I()", data = "main.csv", formula = "y ~ log(x, 2) + I(-z) + I(x - 1.5) + I(1/x)"),
  list(name = "weighted poly", data = "main.csv", formula = "y ~ poly(x, 2) + a", weights = "w"),
  list(name = "scale over all rows", data = "gaps.csv", formula = "y ~ scale(x) + a"),
  list(name = "NaN rows dropped", data = "gaps.csv", formula = "y ~ log(z) + a"),
  # Data reading.
  list(name = "value outside levels", data = "main.csv", formula = "y ~ b + x", levels = list(b = c("s", "r"))),
  list(name = "logical outcome", data = "main.csv", formula = "yl ~ a + x"),
  list(name = "logical predictor", data = "main.csv", formula = "y ~ l * a"),
  list(name = "level order (C locale)", data = "labels.csv", formula = "y ~ income + fruit + x"),
  # A factor left with one level is an error.
  list(name = "one level after NA", data = "gaps.csv", formula = "y ~ g + a")
)
fits_out <- lapply(fit_cases, function(case) {
  d <- read(case$data)
  for (v in names(case$levels)) d[[v]] <- factor(as.character(d[[v]]), levels = case$levels[[v]])
  args <- list(formula = as.formula(case$formula), data = d)
  if (!is.null(case$clusters)) args$clusters <- d[[case$clusters]]
  if (!is.null(case$weights)) args$weights <- d[[case$weights]]
  fit <- tryCatch(suppressMessages(suppressWarnings(do.call(lm_robust, args))), error = function(e) conditionMessage(e))
  if (is.character(fit)) return(c(case, list(error = fit)))
  invisible(capture.output(t <- tidy(fit)))
  # The model matrix and fitted values do not depend on which column of a rank-deficient design is aliased.
  if (isTRUE(case$matrix)) {
    m <- model.matrix(as.formula(case$formula), d)
    case$model_matrix <- list(names = colnames(m), columns = lapply(seq_len(ncol(m)), function(j) unname(m[, j])))
    case$fitted <- unname(fit$fitted.values)
  }
  c(case, list(nobs = fit$nobs, expected = lapply(seq_len(nrow(t)), function(i) list(
    term = t$term[i], estimate = t$estimate[i], std_error = t$std.error[i], statistic = t$statistic[i],
    p_value = t$p.value[i], conf_low = t$conf.low[i], conf_high = t$conf.high[i], df = t$df[i]))))
})
write_json(fits_out, file.path(here, "fits.json"), auto_unbox = TRUE, pretty = TRUE, digits = NA, na = "null")

# ---- collation ------------------------------------------------------------------------------------------
label_sets <- list(
  c("< 10k", "10-50k", "100k+"), c("apple", "Banana", "cherry"), c("b", "a", "B", "A", "_x", "x", "e", "f"),
  c("low", "medium", "high"), c("Democracy", "Autocracy"), c("<75%", "75-95%", "95-105%", "105-125%", ">125%"),
  c("1", "2", "10"), c("no", "yes"), c("a b", "ab", "a-c"), c("Z", "a")
)
# R in en_US.UTF-8 sorts with ICU where R has it (R started in that locale), else with the C library's strcoll,
# which ignores punctuation at first: both orders are kept.
if (Sys.setlocale("LC_COLLATE", "en_US.UTF-8") == "") stop("en_US.UTF-8 is not installed (see the top of this file)")
strcoll <- lapply(label_sets, sort)
icuSetCollate(locale = "en_US")
icu <- lapply(label_sets, sort)
icuSetCollate(locale = "ASCII")
invisible(Sys.setlocale("LC_COLLATE", "C"))
collation <- lapply(seq_along(label_sets), function(i) {
  list(labels = label_sets[[i]], c = sort(label_sets[[i]]), en_US_icu = icu[[i]], en_US_strcoll = strcoll[[i]])
})
write_json(collation, file.path(here, "collation.json"), pretty = TRUE)

# ---- reading ----------------------------------------------------------------------------------------------
# A file with what read.csv types and keeps: quoted numbers, spaces around numbers, T/F, a column mixing "1" and
# "T" (character), doubled quotes, an embedded newline and comma, CRLF line ends, an empty line, "" and "NA".
# read.csv gives each column a class; reading.json keeps the class and the values (null for NA).
reading_lines <- c(
  '"num","quoted_num","spaced","logical","mixed","text","lead_zero","all_na","na_text"',
  '1.5,"2",  3 ,T,1,"a,b",007,,NA\r',
  '-2e3,"4.25",4,FALSE,T,"say ""hi""",10,NA,"x"',
  '',
  '.5,NA," 5",TRUE,x,"line',
  'break",0,,"NA"'
)
writeBin(charToRaw(paste0(paste(reading_lines, collapse = "\n"), "\n")), file.path(here, "reading.csv"))
reading <- read.csv(file.path(here, "reading.csv"), na.strings = c("", "NA"))
write_json(lapply(reading, function(column) list(class = class(column), values = I(column))),
  file.path(here, "reading.json"), pretty = TRUE, digits = NA, na = "null")
