# The model matrices tests/analysis/text-functions.test.ts compares with: tolower, toupper, trimws, nchar, paste and
# paste0 on the analyst-function tests' CSV (design-support.ts; x is NA in row 7), as R 4.2.2's model.matrix gives them
# (and R's error where it stops). Usage: Rscript tests/analysis/r/text-functions.R
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "analyst-design.R"))
invisible(Sys.setlocale("LC_COLLATE", "C"))
for (f in c(
  'y ~ toupper(a)', 'y ~ nchar(x)', 'y ~ paste(a, x > 2)', 'y ~ paste0(a, "-", k)', 'y ~ paste(a, b, sep = "")',
  'y ~ trimws(paste0(" ", a))', 'y ~ tolower(paste0(a, toupper(a)))', 'y ~ paste0("a", "b")', 'y ~ paste(a, collapse = "")'
)) show(f)
