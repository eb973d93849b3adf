# The model matrices tests/analysis/r-functions.test.ts compares with: column names, rows kept and columns of each
# formula on the test's CSV, as R 4.2.2's model.matrix gives them (and R's error where it stops).
# Usage: Rscript tests/analysis/r/r-functions.R
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "analyst-design.R"))
for (f in c(
  'y ~ I(ifelse(x > 1, NA, x))', 'y ~ I(x == Inf) + I(z > -Inf)', 'y ~ I(z + NaN)', 'y ~ I(100000L * z) + poly(z, 2L) + I(1e10L * z)',
  'y ~ ifelse(z > 0, a, b)', 'y ~ ifelse(z > 0, factor(a), factor(b))', 'y ~ ifelse(z > 0, factor(a), "none")',
  'y ~ ifelse(z > 100, "big", z)', 'y ~ ifelse(k == 10, NA_character_, b)',
  'y ~ I(z - mean(z, trim = 0.2)) + I(z - median(z)) + I(z - min(z)) + I(z - max(z, age))', 'y ~ I(z / sd(z)) + I(z / var(z))',
  'y ~ I(x - min(x))', 'y ~ rev(z)', 'y ~ range(z)', 'y ~ quantile(z)',
  'y ~ interaction(a, b, lex.order = TRUE)', 'y ~ interaction(k, b, sep = "", drop = TRUE)',
  'y ~ cut(z, quantile(z), include.lowest = TRUE)', 'y ~ cut(z, seq(-3, 5, by = 2))', 'y ~ cut(z, seq(-3, 5, length.out = 4))',
  'y ~ cut(x, quantile(x))', 'y ~ cut(z, c(-3, 0, 2, 5), labels = c("a", "a", "b"))',
  'y ~ sign(z) + as.logical(id %% 3) + scale(z, center = 1)', 'y ~ droplevels(factor(k, levels = c(1, 2, 5, 10)))'
)) show(f)
d <- read.csv(text = "y,NA,Inf,TRUE\n1,2,3,1\n2,5,1,0\n3,1,4,1\n4,7,2,0", check.names = FALSE)
show('y ~ `NA` + `Inf` + `TRUE`')
d <- read.csv(text = "y,p1,p2\n1,a,bc\n2,ab,c\n3,ab,bc\n4,a,c\n5,a,bc", stringsAsFactors = FALSE)
show('y ~ interaction(p1, p2, sep = "")')
cat('lm_robust(y ~ p1, d, se_type = "none"):\n'); print(estimatr::tidy(estimatr::lm_robust(y ~ p1, d, se_type = "none")))
