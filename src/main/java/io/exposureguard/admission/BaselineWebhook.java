package io.exposureguard.admission;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /allow}: the same AdmissionReview round trip as /validate, answering a fixed "allowed". The
 * baseline `make bench` compares /validate against, so the figure is the cost of judging, not of HTTP and
 * JSON. Off (404) unless {@code exposure-guard.baseline-endpoint=true}.
 */
@Path("/allow")
public class BaselineWebhook {

    @ConfigProperty(name = "exposure-guard.baseline-endpoint", defaultValue = "false")
    boolean enabled;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AdmissionReview allow(AdmissionReview review) {
        if (!enabled) {
            throw new NotFoundException();
        }
        String uid = review == null || review.getRequest() == null ? null : review.getRequest().getUid();
        return AdmissionReviews.wrap(new AdmissionResponseBuilder().withUid(uid).withAllowed(true).build());
    }
}
