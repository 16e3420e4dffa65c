package dev.marquee.dialogue.health;

import dev.marquee.dialogue.catalog.CatalogIndex;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the catalog index is loaded: before that, no reply could present a title. */
@Readiness
@ApplicationScoped
public class CatalogIndexReadiness implements HealthCheck {
    private final CatalogIndex index;

    public CatalogIndexReadiness(CatalogIndex index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("catalog-index").status(index.loaded()).withData("titles", index.size())
                .build();
    }
}
