# The model matrices tests/analysis/text-functions.test.ts compares with: tolower, toupper, trimws, nchar, paste and
# paste0 on the analyst-function tests' CSV (design-support.ts; x is NA in row 7), as R 4.2.2's model.matrix gives them
# (and R's error where it stops). Usage: Rscript tests/analysis/r/text-functions.R
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "analyst-design.R"))
invisible(Sys.setlocale("LC_COLLATE", "C"))
for (f in c(
  'y ~ toupper(a)', 'y ~ nchar(x)', 'y ~ paste(a, x > 2)', 'y ~ paste0(a, "-", k)', 'y ~ paste(a, b, sep = "")',
  'y ~ trimws(paste0(" ", a))', 'y ~ tolower(paste0(a, toupper(a)))', 'y ~ paste0("a", "b")', 'y ~ paste(a, collapse = "")'
)) show(f)

# toupper() and tolower() beyond ASCII (R trial 27), as R maps them in a UTF-8 locale: one character at a time by the
# C library's towupper/towlower (here glibc 2.36 of Debian 12; run with LC_ALL=C.UTF-8). Printed as code points.
invisible(Sys.setlocale("LC_CTYPE", "C.UTF-8"))
s <- c("\u0130z", "\u1fb3", "\u1f80", "\u0264", "\u00df", "\u03a3a", "\ua7cb", "\u1f88")
codes <- function(v) paste(sapply(v, function(t) paste(sprintf("%04X", utf8ToInt(t)), collapse = " ")), collapse = " | ")
cat("toupper:", codes(toupper(s)), "\ntolower:", codes(tolower(s)), "\n")
