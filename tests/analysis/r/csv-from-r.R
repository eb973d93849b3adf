# Expected values for tests/analysis/csv-from-r.test.ts: CSV files as R writes and reads them.
# 1. write.csv's default output: a first column of row names under an empty header name, which read.csv
#    names "X" (and `y ~ .` then uses it as a covariate); Inf and -Inf written as such.
# 3. Those words in a column of text are labels (read.csv: character); fields of spaces are NA in a numeric or
#    logical column, labels in a column of text.
# 2. The numbers read.csv's type.convert reads beyond plain decimals (R_strtod): Inf, -inf, Infinity, NaN
#    (missing for na.omit), hexadecimal (0x1A, 0x10p-2), an exponent without digits (1e) — a column holding
#    them is numeric in R, not text.
# Usage, from the repository root: Rscript tests/analysis/r/csv-from-r.R   (R 4.2.2, estimatr 1.0.0)
Sys.setlocale("LC_COLLATE", "C")
suppressMessages({ library(estimatr); library(jsonlite) })
set.seed(20261204)
n <- 30
d <- data.frame(y = round(rnorm(n), 6), x = round(runif(n, 0, 10), 4), g = sample(c("a", "b", "c"), n, TRUE))
d$y <- round(d$y + 0.3 * d$x + (d$g == "b"), 6)
d$x[c(4, 17)] <- c(Inf, -Inf)
d$y[c(4, 17, 22)] <- NA # rows with an infinite x have no outcome: na.omit drops them
write.csv(d, "tests/analysis/fixtures/csv_row_names.csv") # row.names = TRUE, the default
rn <- read.csv("tests/analysis/fixtures/csv_row_names.csv")

# Hand-written (write.csv writes NaN as NA): every spelling type.convert reads as a number.
special <- c("1.5", "Inf", "-inf", "+Infinity", "NaN", "nan", "-NaN", "0x1A", "0X1a", "-0x10", "0x10p-2", "1e", "2.5E+", " 3 ", "1e400", "-1e400")
words <- c("NAN", "infinit", "Infx", "0x", "1L", "1_000", "e5", ".", "-", "NA ", "TRUE", "1,5")
typed <- lapply(c(special, words), function(v) { x <- type.convert(c(v, "2"), as.is = TRUE); list(text = v, class = class(x)[1], value = if (is.numeric(x)) x[1] else NULL) })
m <- length(special)
sp <- data.frame(y = round(rnorm(m), 6), k = round(runif(m), 4), u = special)
sp$y[sp$u %in% c("Inf", "-inf", "+Infinity", "1e400", "-1e400")] <- NA
writeLines(c("y,k,u", sprintf("%s,%s,%s", ifelse(is.na(sp$y), "NA", format(sp$y, digits = 15)), format(sp$k, digits = 15), sp$u)), "tests/analysis/fixtures/csv_r_numbers.csv")
sn <- read.csv("tests/analysis/fixtures/csv_r_numbers.csv")

# An unquoted text column holding words R_strtod would read (Inf, nan, NaN) next to text: character, those words
# are labels like any other (not numbers, not missing).
writeLines(c("y,g", "1.5,Inf", "2.25,abc", "0.5,NaN", "3,nan", "2,abc", "1,Inf", "4,NaN", "2.5,nan", "1.75,abc"), "tests/analysis/fixtures/csv_text_specials.csv")
ts <- read.csv("tests/analysis/fixtures/csv_text_specials.csv")
# A numeric outcome with NaN (unquoted and quoted) for difference_in_means: missing, the rows are dropped.
set.seed(20261207)
yn <- format(round(rnorm(16), 4)); yn[c(3, 8)] <- c("NaN", "\"NaN\"")
writeLines(c("y,z", sprintf("%s,%d", yn, rep(0:1, 8))), "tests/analysis/fixtures/csv_dim_nan.csv")
dn <- read.csv("tests/analysis/fixtures/csv_dim_nan.csv")
dim_nan <- tidy(difference_in_means(y ~ z, data = dn))
# Fields of spaces (a spreadsheet's or a padded export's): blank, so NA in a numeric or logical column (?read.table:
# "Blank fields are also considered to be missing values in logical, integer, numeric and complex fields"), a label
# in a column of text.
writeLines(c("y,x,b,g", "1.5,0.2,TRUE,a", "2.25, ,FALSE,b", "0.5,1.1,  ,a", "3,2.4,TRUE,  ", "2,0.7,FALSE,b", "1,\t,TRUE,a",
             "4,1.9,FALSE,b", "2.5,0.3,TRUE,  ", "1.75,2.2,FALSE,a", "2.2,1.4,TRUE,b"), "tests/analysis/fixtures/csv_blank_fields.csv")
bf <- read.csv("tests/analysis/fixtures/csv_blank_fields.csv")

rows <- function(fit) { t <- tidy(fit); unname(lapply(seq_len(nrow(t)), function(i) list(t$term[i], t$estimate[i], t$std.error[i], t$df[i]))) }
out <- list(
  typed = typed,
  row_names_names = names(rn),
  row_names_x = rows(lm_robust(y ~ x + g, data = rn)),
  row_names_dot = rows(lm_robust(y ~ ., data = rn, se_type = "HC1")),
  numbers_class = class(sn$u),
  numbers_u = rows(lm_robust(y ~ u + k, data = sn)),
  numbers_nobs = lm_robust(y ~ u + k, data = sn)$nobs,
  text_class = class(ts$g),
  text_g = rows(lm_robust(y ~ g, data = ts)),
  blank_classes = unname(sapply(bf, class)),
  blank_fit = rows(lm_robust(y ~ x + b + g, data = bf)),
  dim_nan = list(dim_nan$estimate, dim_nan$std.error, dim_nan$df, difference_in_means(y ~ z, data = dn)$nobs)
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "tests/analysis/fixtures/csv_from_r.expected.json")
