# Expected values for tests/analysis/difference-in-means-weights.test.ts (R 4.2.2, estimatr 1.0.0). Run from the
# repository root:
#   Rscript tests/analysis/r/difference-in-means-weights.R
# Writes the designs (tests/analysis/fixtures/dim_weights.csv, every number with 17 significant digits so that
# JavaScript reads R's doubles), the calls (dim_weights.calls.csv: which of blocks = b, clusters = g were passed,
# estimatr's design, or its error) and tidy(difference_in_means(y ~ z, d, weights = w, ...)) of each
# (dim_weights.expected.csv). Named cases first (unblocked, clustered, blocked, block-clustered, zero weights, a
# cluster whose rows differ in weight, a character treatment, a missing weight, and each refusal), then 48 random
# designs, 12 per family, seed 20261203.
suppressMessages(library(estimatr))
fixtures <- "tests/analysis/fixtures"
set.seed(20261203)

data <- list()
calls <- list()
expected <- list()

add_case <- function(name, d, blocks = FALSE, clusters = FALSE) {
  id <- length(calls) + 1
  d <- cbind(id = id, d)
  if (is.null(d$b)) d$b <- 1
  if (is.null(d$g)) d$g <- seq_len(nrow(d))
  d <- d[, c("id", "y", "z", "b", "g", "w")]
  args <- list(formula = y ~ z, data = d, weights = quote(w))
  if (blocks) args$blocks <- quote(b)
  if (clusters) args$clusters <- quote(g)
  fit <- tryCatch(suppressWarnings(do.call(difference_in_means, args)), error = function(e) e)
  design <- if (inherits(fit, "error")) "" else fit$design
  error <- if (inherits(fit, "error")) conditionMessage(fit) else ""
  if (!inherits(fit, "error")) {
    t <- tidy(fit)[, c("term", "estimate", "std.error", "statistic", "p.value", "conf.low", "conf.high", "df")]
    expected[[id]] <<- cbind(id = id, t)
  }
  data[[id]] <<- d
  calls[[id]] <<- data.frame(id = id, name = name, blocks = blocks, clusters = clusters, design = design,
                             error = error)
}

n <- 24
base <- data.frame(y = rnorm(n), z = rep(c(0, 1), n / 2), b = rep(1:3, each = 8), w = runif(n, 0.2, 3))
base$g <- rep(1:12, each = 2)
base$zc <- rep(c(0, 0, 1, 1), n / 4) # constant within g
add_case("unblocked", base)
cl <- transform(base, z = zc)
add_case("clustered", cl, clusters = TRUE)
add_case("blocked", base, blocks = TRUE)
bcl <- transform(cl, g = rep(1:12, each = 2))
add_case("block-clustered", bcl, blocks = TRUE, clusters = TRUE)
zero <- base
zero$w[c(1, 2, 9, 20)] <- 0
add_case("zero weights, unblocked", zero)
add_case("zero weights, blocked", zero, blocks = TRUE)
zcl <- cl
zcl$w[zcl$g == 3] <- 0 # a whole cluster without weight
zcl$w[c(1, 14)] <- 0
add_case("zero weights, clustered", zcl, clusters = TRUE)
add_case("zero weights, block-clustered", zcl, blocks = TRUE, clusters = TRUE)
uneven <- cl
uneven$w[uneven$g %% 2 == 0] <- uneven$w[uneven$g %% 2 == 0] * c(1, 5) # rows of a cluster differ in weight
add_case("cluster rows with different weights", uneven, clusters = TRUE)
letters2 <- transform(base, z = ifelse(z == 1, "treated", "control"))
add_case("character treatment, blocked", letters2, blocks = TRUE)
missing <- base
missing$w[5] <- NA
add_case("missing weight dropped", missing)
constant <- transform(base, w = 2)
add_case("constant weights: HC2, df N - 2", constant)
negative <- base
negative$w[7] <- -0.5
add_case("refused: negative weight", negative)
pairs <- data.frame(y = rnorm(8), z = rep(c(0, 1), 4), b = rep(1:4, each = 2), w = runif(8, 0.2, 3))
add_case("refused: matched pairs", pairs, blocks = TRUE)
mixed <- rbind(pairs, data.frame(y = rnorm(6), z = c(0, 1, 0, 1, 0, 1), b = 5, w = runif(6, 0.2, 3)))
add_case("refused: some blocks of two", mixed, blocks = TRUE)
cpairs <- data.frame(y = rnorm(16), z = rep(c(0, 0, 1, 1), 4), b = rep(1:4, each = 4), g = rep(1:8, each = 2),
                     w = runif(16, 0.2, 3))
add_case("refused: clustered matched pairs", cpairs, blocks = TRUE, clusters = TRUE)
# estimatr gives no error here but NaN (a block without weight) or a standard error from 0/0 at leverage 1 (an arm
# whose weight is on one row: NaN or rounding noise, depending on the rounding): differenceInMeans refuses both.
allzero <- base
allzero$w[allzero$b == 2] <- 0
add_case("no SE in estimatr: a block without weight", allzero, blocks = TRUE)
single <- base
single$w[c(1, 3, 5)] <- 0 # block 1's control (rows 1, 3, 5, 7) keeps one row with weight
add_case("no SE in estimatr: an arm with one weighted row", single, blocks = TRUE)

random_design <- function(family) {
  blocks <- family %in% c("blocked", "block-clustered")
  clusters <- family %in% c("clustered", "block-clustered")
  nb <- if (blocks) sample(2:5, 1) else 1
  parts <- lapply(seq_len(nb), function(k) {
    if (clusters) {
      G <- sample(5:9, 1)
      size <- sample(1:5, G, replace = TRUE)
      zg <- sample(c(0, 0, 1, 1, sample(0:1, G - 4, replace = TRUE)))
      data.frame(b = k, g = 100 * k + rep(seq_len(G), size), z = rep(zg, size))
    } else {
      m <- sample(6:30, 1)
      data.frame(b = k, g = 0, z = sample(c(0, 0, 1, 1, sample(0:1, m - 4, replace = TRUE))))
    }
  })
  d <- do.call(rbind, parts)
  d$g <- if (clusters) d$g else seq_len(nrow(d))
  d$y <- rnorm(nrow(d)) + 0.5 * d$z + 0.3 * d$b
  d$w <- rexp(nrow(d)) + 0.05
  if (runif(1) < 0.3) {
    spare <- which(ave(d$w, d$b, d$z, FUN = length) > 3)
    d$w[sample(spare, min(2, length(spare)))] <- 0
  }
  add_case(paste("random", family), d, blocks = blocks, clusters = clusters)
}
for (family in rep(c("unblocked", "clustered", "blocked", "block-clustered"), each = 12)) random_design(family)

digits17 <- function(t) {
  num <- vapply(t, is.numeric, logical(1))
  t[num] <- lapply(t[num], function(x) ifelse(is.na(x), NA, sprintf("%.17g", x)))
  t
}
write.csv(digits17(do.call(rbind, data)), file.path(fixtures, "dim_weights.csv"), row.names = FALSE, quote = 2, na = "NA")
write.csv(digits17(do.call(rbind, expected)), file.path(fixtures, "dim_weights.expected.csv"), row.names = FALSE,
          quote = 2, na = "NA")
write.csv(do.call(rbind, calls), file.path(fixtures, "dim_weights.calls.csv"), row.names = FALSE)
