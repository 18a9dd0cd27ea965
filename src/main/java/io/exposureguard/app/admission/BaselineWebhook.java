package io.exposureguard.app.admission;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /allow}: the same AdmissionReview round trip as /validate (gate, non-blocking read, parse on the
 * judging pool, JSON answer), answering a fixed "allowed". The baseline `make bench` compares /validate against, so
 * the figure is the cost of judging, not of HTTP and JSON. Off (404) unless {@code exposure-guard.baseline-endpoint=true}.
 */
@Path("/allow")
public class BaselineWebhook implements AdmissionHandler {

    @ConfigProperty(name = "exposure-guard.baseline-endpoint", defaultValue = "false")
    boolean enabled;

    private final AdmissionAnswers answers;

    public BaselineWebhook(AdmissionAnswers answers) {
        this.answers = answers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> allow(byte[] body) {
        if (!enabled) {
            throw new NotFoundException();
        }
        return answers.answer(body, this);
    }

    @Override
    public String name() {
        return "allow";
    }

    @Override
    public AdmissionReview judge(AdmissionRequest request, long arrived) {
        return AdmissionReviews.wrap(new AdmissionResponseBuilder().withUid(request.getUid()).withAllowed(true).build());
    }

    @Override
    public AdmissionReview late(AdmissionRequest request, Duration deadline, long arrived) {
        return judge(request, arrived);
    }
}
