package io.exposureguard.core.remediation;

import io.exposureguard.core.model.ObjectRef;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only exposure-guard, holding the key, can make a quarantine NetworkPolicy that verifies. */
class QuarantineSealTest {

    static final byte[] KEY = key(7);
    static final QuarantineSeal SEAL = new QuarantineSeal(KEY);
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    static NetworkPolicy quarantine(QuarantineSeal seal) {
        return QuarantinePolicies.forDatastore(ObjectRef.of("Deployment", "shop", "queue"), Map.of("app", "queue"),
                List.of("10.0.0.0/8"), List.of("EG-EXP-001"), "no safe patch", seal);
    }

    @Test
    void aQuarantineTheOperatorWroteVerifiesAlsoAfterTheApiServersJsonRoundTrip() {
        NetworkPolicy written = quarantine(SEAL);
        NetworkPolicy readBack = JSON.unmarshal(JSON.asJson(written), NetworkPolicy.class);

        assertThat(SEAL.verifies(written)).isTrue();
        assertThat(SEAL.verifies(readBack)).isTrue();
        assertThat(written.getMetadata().getAnnotations().get(QuarantineSeal.ANNOTATION)).matches("v1:[A-Za-z0-9_-]{43}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another name              | name
            another namespace         | namespace
            a widened pod selector    | selector
            another ingress source    | source
            another datastore claimed | datastore
            no signature              | unsigned
            a guessed signature       | guessed
            """)
    void aChangedOrForgedQuarantineDoesNotVerify(String description, String change) {
        NetworkPolicy forged = CHANGES.get(change).apply(quarantine(SEAL));

        assertThat(SEAL.verifies(forged)).isFalse();
        assertThat(QuarantinePolicies.isQuarantine(forged)).as("it still carries the label").isTrue();
    }

    private static final Map<String, UnaryOperator<NetworkPolicy>> CHANGES = Map.of(
            "name", np -> new NetworkPolicyBuilder(np).editMetadata().withName("exposure-guard-quarantine-deployment-web").endMetadata().build(),
            "namespace", np -> new NetworkPolicyBuilder(np).editMetadata().withNamespace("kube-system").endMetadata().build(),
            "selector", np -> new NetworkPolicyBuilder(np).editSpec().editPodSelector().withMatchLabels(Map.of()).endPodSelector().endSpec().build(),
            "source", np -> new NetworkPolicyBuilder(np).editSpec().editFirstIngress().addNewFrom().withNewIpBlock().withCidr("0.0.0.0/0")
                    .endIpBlock().endFrom().endIngress().endSpec().build(),
            "datastore", np -> new NetworkPolicyBuilder(np).editMetadata().addToAnnotations(QuarantinePolicies.DATASTORE_ANNOTATION,
                    "Deployment shop/web").endMetadata().build(),
            "unsigned", np -> new NetworkPolicyBuilder(np).editMetadata().removeFromAnnotations(QuarantineSeal.ANNOTATION).endMetadata().build(),
            "guessed", np -> new NetworkPolicyBuilder(np).editMetadata().addToAnnotations(QuarantineSeal.ANNOTATION,
                    "v1:" + "A".repeat(43)).endMetadata().build());

    @Test
    void aQuarantineSignedWithAnotherKeyDoesNotVerify() {
        assertThat(SEAL.verifies(quarantine(new QuarantineSeal(key(8))))).isFalse();
    }

    @Test
    void extraLabelsAndAnnotationsOthersAddDoNotMatter() {
        NetworkPolicy annotated = new NetworkPolicyBuilder(quarantine(SEAL)).editMetadata().addToAnnotations("note", "seen by ops")
                .addToLabels("env", "prod").endMetadata().build();

        assertThat(SEAL.verifies(annotated)).isTrue();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new QuarantineSeal(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a quarantine key needs at least 32 bytes");
    }
}
