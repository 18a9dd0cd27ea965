/**
 * The admission webhooks (application ring): the HTTPS endpoints /validate, /mutate and /baseline, each one line
 * that hands the AdmissionReview body to the shared answer path; the event-loop gate that refuses plain HTTP,
 * bodies without a length, over-budget and slow bodies; the bounded judging pool with its deadline and in-flight
 * limit; and the parsing and metric tags of reviews. Judging itself is core.admission.AdmissionJudge.
 */
package io.exposureguard.app.admission;
