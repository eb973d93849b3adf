# R's fit of the planted moderation on one simulated wave (moderation.csv, written by write-data.ts): the alliance
# study's sanctions outcome with autocracy × Republican planted at +0.6 on the latent scale. The plan's H_mod is
# `~ regime` moderated by party, HC2, after excluding attention-check failures; moderation.test.ts compares lmRobust
# with this and R's interaction estimate with the estimand planEstimands reports.
#   Rscript tests/reference/moderation/moderation.R   (R 4.2.2, estimatr 1.0.0)
suppressMessages(library(estimatr))
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
d <- read.csv(file.path(here, "moderation.csv"))
d <- subset(d, attention_pass == 1)
d$regime <- factor(d$regime, levels = c("democracy", "autocracy"))
d$party <- factor(d$party, levels = c("democrat", "independent", "republican"))
fit <- lm_robust(economic_sanctions ~ regime * party, data = d, se_type = "HC2")
out <- tidy(fit)[, c("term", "estimate", "std.error", "df")]
names(out) <- c("term", "estimate", "std_error", "df")
write.csv(out, file.path(here, "moderation.expected.csv"), row.names = FALSE)
print(out, digits = 10)
