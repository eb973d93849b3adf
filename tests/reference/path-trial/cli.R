# The path trial's R side for the analysis verbs: each CSV of write-csvs.ts read as an analyst reads it
# (read.csv, "" and NA missing, headers kept as written, a byte-order mark dropped), the label column a factor in
# its declared order, then the estimatr call `vlab fit` / `vlab dim` is compared with. Writes cli-expected.json.gz.
#   node --import tsx tests/reference/path-trial/write-csvs.ts /tmp/csvs && Rscript tests/reference/path-trial/cli.R /tmp/csvs
suppressMessages({library(estimatr); library(jsonlite)})
dir <- commandArgs(TRUE)[1]
spec <- fromJSON(file.path(dir, "cases.json"), simplifyVector = FALSE)
null_or <- function(x) if (is.null(x)) NULL else x
out <- list()
for (c in spec$cases) {
  d <- read.csv(file.path(dir, paste0(c$seed, ".csv")), na.strings = c("", "NA"), check.names = FALSE, fileEncoding = "UTF-8-BOM")
  d[["regime type"]] <- factor(d[["regime type"]], levels = unlist(spec$levels))
  d$.w <- if (is.null(c$weights)) NULL else d[[c$weights]]
  d$.cl <- if (is.null(c$clusters)) NULL else d[[c$clusters]]
  d$.b <- if (is.null(c$blocks)) NULL else d[[c$blocks]]
  y <- paste0("`", c$outcome, "`")
  args <- list(formula = as.formula(paste(y, "~", c$rhs)), data = d)
  if (!is.null(c$weights)) args$weights <- quote(.w)
  if (!is.null(c$clusters)) args$clusters <- quote(.cl)
  if (!is.null(c$blocks)) args$blocks <- quote(.b)
  if (c$verb == "fit") args$se_type <- c$seType
  fit <- suppressWarnings(do.call(if (c$verb == "fit") lm_robust else difference_in_means, args))
  t <- tidy(fit)
  out[[as.character(c$seed)]] <- list(term = t$term, estimate = t$estimate, std_error = t$std.error, statistic = t$statistic,
    p_value = t$p.value, conf_low = t$conf.low, conf_high = t$conf.high, df = t$df)
}
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
con <- gzfile(file.path(here, "cli-expected.json.gz"), "w")
writeLines(toJSON(out, digits = NA, na = "null"), con)
close(con)
cat(sprintf("cli.R: %d cases\n", length(out)))
