# Reference Kaplan-Meier curves from R's survival::survfit for test/retention/kaplanMeier.test.ts.
# Run: Rscript scripts/retention_km_fixture.R > test/fixtures/retention_km_survfit.json
# (Debian: apt-get install r-cran-survival). CI never runs R; the JSON is committed.
suppressMessages(library(survival))

num <- function(x) ifelse(is.na(x) | is.infinite(x), "null", sprintf("%.17g", x))
arr <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")

sets <- list(
  list(name = "aml-all", time = survival::aml$time, status = survival::aml$status),
  list(name = "ties-and-censoring-at-event-times",
       time =   c(1, 2, 2, 2, 3, 3, 4, 5, 5, 6, 8, 8, 9, 10, 10, 12, 12, 15),
       status = c(1, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0,  1,  0,  0,  1,  0)),
  list(name = "all-censored", time = c(3, 5, 5, 8, 13), status = c(0, 0, 0, 0, 0)),
  list(name = "never-reaches-half",
       time =   c(2, 4, 4, 6, 7, 9, 11, 12, 14, 20),
       status = c(1, 0, 1, 0, 0, 0, 0,  1,  0,  0)),
  list(name = "median-on-flat-half", time = c(1, 2, 3, 4), status = c(1, 1, 1, 1)),
  list(name = "single-event", time = c(7), status = c(1)),
  list(name = "lung-days", time = survival::lung$time, status = survival::lung$status - 1)
)

levels <- c(0.95, 0.9)
cat("{\n  \"generator\": \"R ", R.version$major, ".", R.version$minor, ", survival ",
    as.character(packageVersion("survival")), ", survfit(conf.type = 'log-log')\",\n  \"sets\": [\n", sep = "")
first <- TRUE
for (s in sets) {
  for (lev in levels) {
    fit <- survfit(Surv(s$time, s$status) ~ 1, conf.type = "log-log", conf.int = lev)
    tab <- summary(fit)$table
    if (!first) cat(",\n")
    first <- FALSE
    cat("    {\n")
    cat("      \"name\": \"", s$name, "\",\n", sep = "")
    cat("      \"level\": ", num(lev), ",\n", sep = "")
    cat("      \"durations\": ", arr(s$time), ",\n", sep = "")
    cat("      \"status\": ", arr(s$status), ",\n", sep = "")
    cat("      \"time\": ", arr(fit$time), ",\n", sep = "")
    cat("      \"nRisk\": ", arr(fit$n.risk), ",\n", sep = "")
    cat("      \"nEvent\": ", arr(fit$n.event), ",\n", sep = "")
    cat("      \"nCensor\": ", arr(fit$n.censor), ",\n", sep = "")
    cat("      \"surv\": ", arr(fit$surv), ",\n", sep = "")
    cat("      \"stdErrLogSurv\": ", arr(fit$std.err), ",\n", sep = "")
    cat("      \"lower\": ", arr(fit$lower), ",\n", sep = "")
    cat("      \"upper\": ", arr(fit$upper), ",\n", sep = "")
    cat("      \"median\": ", num(tab[["median"]]), ",\n", sep = "")
    cat("      \"medianLower\": ", num(tab[[paste0(lev, "LCL")]]), ",\n", sep = "")
    cat("      \"medianUpper\": ", num(tab[[paste0(lev, "UCL")]]), "\n", sep = "")
    cat("    }")
  }
}
cat("\n  ]\n}\n")
