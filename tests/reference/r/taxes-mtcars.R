# Reference estimates on public conjoint data (the cregg package's `taxes` data, stored in cases/taxes.csv.gz)
# and R's mtcars. Usage: Rscript taxes-mtcars.R OUTDIR CASES_DIR
# The taxes data were first written from cregg's taxes.rda (ID as a string); their factor levels, in cregg's
# order, are the `levels` of the taxes cases in CASES_DIR/manifest.json.
suppressMessages({library(estimatr); library(survey); library(jsonlite)})
args <- commandArgs(TRUE); outdir <- args[1]; cases_dir <- args[2]
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
manifest <- fromJSON(file.path(cases_dir, "manifest.json"), simplifyVector = FALSE)
L <- Filter(function(c) identical(c$id, "taxes_amce_cr2"), manifest$cases)[[1]]$levels
taxes <- read.csv(gzfile(file.path(cases_dir, "taxes.csv.gz")), colClasses = c(ID = "character"))
for (v in names(L)) taxes[[v]] <- factor(taxes[[v]], levels = unlist(L[[v]]))
out <- function(id, tab) {
  keep <- intersect(c("term","estimate","std.error","statistic","p.value","conf.low","conf.high","df","outcome"), names(tab))
  tab <- tab[, keep]; names(tab) <- gsub(".", "_", names(tab), fixed = TRUE)
  write.csv(tab, file.path(outdir, paste0(id, ".expected.csv")), row.names = FALSE) }
# cregg's convention: survey::svyglm on svydesign(ids = clusters, weights = ~1), z tests.
svy <- function(f, data, ids) { des <- svydesign(ids = ids, weights = ~1, data = data); m <- svyglm(f, design = des)
  cf <- summary(m)$coefficients; est <- cf[, 1]; se <- cf[, 2]; z <- est / se
  data.frame(term = rownames(cf), estimate = est, std.error = se, statistic = z, p.value = 2 * pnorm(-abs(z)), conf.low = est - qnorm(.975) * se, conf.high = est + qnorm(.975) * se) }
ft <- chose_plan ~ taxrate1 + taxrate2 + taxrate3 + taxrate4 + taxrate5 + taxrate6 + taxrev
out("taxes_amce_cr2", tidy(lm_robust(ft, data = taxes, clusters = ID)))
out("taxes_amce_cr2_weighted", tidy(lm_robust(ft, data = taxes, clusters = ID, weights = weight)))
out("taxes_mm_taxrev", tidy(lm_robust(chose_plan ~ 0 + taxrev, data = taxes, clusters = ID, se_type = "CR0")))
out("taxes_cregg_svyglm", svy(ft, taxes, ~ID))
data(mtcars); mt <- mtcars; mt$car <- rownames(mt); mt$cyl <- factor(mt$cyl)
write.csv(mt, file.path(outdir, "mtcars.csv"), row.names = FALSE)
out("mtcars_hc2", tidy(lm_robust(mpg ~ hp + wt, data = mtcars)))
out("mtcars_cr2_few_clusters", tidy(lm_robust(mpg ~ hp, data = mtcars, clusters = cyl)))
cat("ok taxes-mtcars 6 cases\n")
