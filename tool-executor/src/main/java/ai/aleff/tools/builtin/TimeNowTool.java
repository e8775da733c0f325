package ai.aleff.tools.builtin;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.contracts.tools.BuiltinTools;
import ai.aleff.contracts.tools.ToolContract;
import ai.aleff.tools.service.Tool;
import ai.aleff.tools.service.ToolException;

/**
 * {@code time_now {"timezone": "Europe/Lisbon"}}: the current date-time in an IANA zone, e.g.
 * {@code 2026-03-01T10:15:30Z[Europe/Lisbon]} (ISO-8601 with offset, then the zone id). No zone means UTC.
 */
@ApplicationScoped
public class TimeNowTool implements Tool {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final Clock clock;

    @Inject
    public TimeNowTool() {
        this(Clock.systemUTC());
    }

    TimeNowTool(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ToolContract contract() {
        return BuiltinTools.TIME_NOW;
    }

    @Override
    public String execute(JsonNode arguments) {
        ZoneId zone = zone(arguments.get(BuiltinTools.TIMEZONE_ARG));
        return ZonedDateTime.now(clock.withZone(zone))
                .truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_ZONED_DATE_TIME);
    }

    private static ZoneId zone(JsonNode timezone) {
        if (timezone == null || timezone.isNull()) {
            return UTC;
        }
        if (!timezone.isTextual()) {
            throw new ToolException("argument 'timezone' must be a string such as 'Europe/Lisbon'");
        }
        String id = timezone.textValue().strip();
        if (id.isEmpty()) {
            return UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new ToolException("unknown time zone " + ToolException.quote(id));
        }
    }
}
