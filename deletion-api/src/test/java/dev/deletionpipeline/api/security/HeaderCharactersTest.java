package dev.deletionpipeline.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

class HeaderCharactersTest {

    // StrictHttpFirewall's own expressions, which HeaderCharacters replaces
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    private static final List<String> SAMPLES = List.of(
            "",
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvd25lciJ9.c2lnbmF0dXJl",
            "application/problem+json; charset=utf-8",
            "tab\there",
            "nul\u0000",
            "bell\u0007",
            "del\u007f",
            "next line\u0085",
            "unassigned\u0378",
            "emoji \uD83D\uDE00",
            "lone surrogate \uD83D",
            "noncharacter \uFFFF",
            "zero width\u200B",
            "ümlaut and ß",
            "\t");

    @Test
    void acceptsExactlyWhatTheFirewallsExpressionsAccept() {
        for (String sample : SAMPLES) {
            assertThat(HeaderCharacters.validName(sample))
                    .as("name %s", sample)
                    .isEqualTo(NAME.matcher(sample).matches());
            assertThat(HeaderCharacters.validValue(sample))
                    .as("value %s", sample)
                    .isEqualTo(VALUE.matcher(sample).matches());
        }
    }

    @Test
    void theConfiguredFirewallStillRejectsControlCharactersInHeaders() {
        StrictHttpFirewall firewall = new HeaderFirewallConfiguration().httpFirewall();
        MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/v1/blocks/1");
        request.addHeader("X-Note", "bell\u0007");

        var firewalled = firewall.getFirewalledRequest(request);

        assertThatThrownBy(() -> firewalled.getHeader("X-Note")).isInstanceOf(RequestRejectedException.class);
    }
}
