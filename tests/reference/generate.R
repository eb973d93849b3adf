# Regenerates R's expected values: the reference cases in tests/reference/cases (and the data R draws), and the
# differential test's stored output (differential/expected.json.gz; see tests/reference/differential.test.ts), and the
# conjoint differential test's (conjoint-differential/expected.json.gz), and the planted moderation's fit (moderation/).
# Usage, from the repository root, with R, estimatr, survey, clubSandwich and jsonlite installed and npm dependencies in place:
#   Rscript tests/reference/generate.R
# The differential part fits a few hundred cases, the biggest with 50,000 rows (about 12 minutes); cases whose
# inputs did not change keep their stored result unless VLAB_REFIT_ALL=1.
# The case list is cases/manifest.json (the two scripts' manifests merged once, by hand, with the cregg
# se type named); this script rewrites the data and expected files it names and fails if one is missing.
# Refits differ from the stored files only in the last digits (BLAS summation order), far inside the tolerance.
suppressMessages(library(jsonlite))
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
cases <- file.path(here, "cases")
tmp <- tempfile("vlab-reference-"); dir.create(tmp)
run <- function(script, ...) {
  status <- system2("Rscript", c(file.path(here, "r", script), ...))
  if (status != 0) stop(script, " failed")
}
run("alliance.R", "20261122", tmp, "1502")
run("taxes-mtcars.R", tmp, cases)
manifest <- fromJSON(file.path(cases, "manifest.json"), simplifyVector = FALSE)
wanted <- unique(unlist(lapply(manifest$cases, function(c) c(c$expected, c$data, c$margins))))
for (f in wanted) {
  if (file.exists(file.path(tmp, f))) file.copy(file.path(tmp, f), file.path(cases, f), overwrite = TRUE)
  else if (!identical(f, "taxes.csv.gz")) stop("no output for ", f)  # taxes.csv.gz is input (cregg's data)
}
cat("reference cases:", length(manifest$cases), "regenerated in", cases, "\n")

# The differential suite: Node writes the seeded inputs, R fits them.
setwd(dirname(dirname(here)))
inputs <- file.path(tmp, "differential")
if (system2("node", c("--import", "tsx", file.path(here, "differential", "write-inputs.ts"), inputs)) != 0) stop("write-inputs.ts failed")
status <- system2("Rscript", c(file.path(here, "differential", "differential.R"), inputs, file.path(here, "differential", "expected.json.gz")))
if (status != 0) stop("differential.R failed")
# Where estimatr loses digits on an ill-conditioned CR2 fit, a second reference (clubSandwich on X = QR).
status <- system2("Rscript", c(file.path(here, "differential", "cr2-reference.R"), inputs, file.path(here, "differential", "expected.json.gz")))
if (status != 0) stop("cr2-reference.R failed")
# Where a case's columns are nearly collinear (its `q_reference`), a reference on the orthonormal Q for every se type.
status <- system2("Rscript", c(file.path(here, "differential", "q-reference.R"), inputs, file.path(here, "differential", "expected.json.gz")))
if (status != 0) stop("q-reference.R failed")
# Fixed effects under HC2, HC3 and CR2 (a case's `fe_reference`): the fit with dummies, by sandwich and clubSandwich.
status <- system2("Rscript", c(file.path(here, "differential", "fe-reference.R"), inputs, file.path(here, "differential", "expected.json.gz")))
if (status != 0) stop("fe-reference.R failed")
# The conjoint differential suite the same way (conjoint.R keeps every stored case whose inputs did not change).
conjoint <- file.path(tmp, "conjoint")
if (system2("node", c("--import", "tsx", file.path(here, "conjoint-differential", "write-inputs.ts"), conjoint)) != 0) stop("conjoint write-inputs.ts failed")
status <- system2("Rscript", c(file.path(here, "conjoint-differential", "conjoint.R"), conjoint, file.path(here, "conjoint-differential", "expected.json.gz")))
if (status != 0) stop("conjoint.R failed")
# The planted moderation (walk-through 26): one simulated wave written by Node, R's lm_robust fit of it.
if (system2("node", c("--import", "tsx", file.path(here, "moderation", "write-data.ts"))) != 0) stop("moderation write-data.ts failed")
status <- system2("Rscript", c(file.path(here, "moderation", "moderation.R")), stdout = FALSE)
if (status != 0) stop("moderation.R failed")
