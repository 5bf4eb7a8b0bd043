package com.serviceradar.edge.server.web;

import com.serviceradar.edge.names.EdgeSiteNames;
import com.serviceradar.edge.names.InvalidSlugException;
import com.serviceradar.edge.server.onboarding.OnboardingPackage;
import com.serviceradar.edge.server.onboarding.OnboardingPackages;
import com.serviceradar.edge.server.site.EdgeSite;
import com.serviceradar.edge.server.site.EdgeSites;
import com.serviceradar.edge.server.site.LeafServerStatus;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.TenantAdmin;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * "Add Edge Site" in four steps: (1) name and slug, which creates and provisions the site; (2) the
 * deployment method and its instructions; (3) the one-line installer with a one-time enrollment
 * token (or the CLI line for a host that has the agent), or the bundle; (4) a live wait for the
 * leaf's first connection.
 */
// The wizard hands out keys and join tokens: tenant admins only.
@TenantAdmin
@Controller
@RequestMapping("/admin/edge-sites")
class EdgeSiteWizard {

  private final EdgeSites sites;
  private final OnboardingPackages onboarding;
  private final WebSettings settings;
  private final Clock clock;

  EdgeSiteWizard(
      EdgeSites sites, OnboardingPackages onboarding, WebSettings settings, Clock clock) {
    this.sites = sites;
    this.onboarding = onboarding;
    this.settings = settings;
    this.clock = clock;
  }

  @GetMapping("/new")
  String start(Model model) {
    model.addAttribute("form", SiteForm.empty());
    model.addAttribute("slugCheck", new SiteForm.SlugCheck("", null));
    return "sites/wizard-name";
  }

  /** The slug preview under the fields, checked against the tenant's sites as the admin types. */
  @GetMapping("/new/slug")
  String slugPreview(
      Actor actor,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String slug,
      Model model) {
    SiteForm form = SiteForm.of(name, slug, "", "", "");
    model.addAttribute("form", form);
    model.addAttribute("slugCheck", form.checkSlug(takenSlugs(actor)));
    return "sites/wizard-name :: slug-preview";
  }

  @PostMapping("/new")
  String create(
      Actor actor,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String slug,
      @RequestParam(defaultValue = "") String natsLeafUrl,
      @RequestParam(defaultValue = "") String localListen,
      @RequestParam(defaultValue = "") String monitoringPort,
      Model model,
      HttpServletResponse response) {
    SiteForm form = SiteForm.of(name, slug, natsLeafUrl, localListen, monitoringPort);
    try {
      EdgeSite site = sites.register(actor, form.toRegistration());
      return "redirect:/admin/edge-sites/" + site.id() + "/setup/method";
    } catch (ApiProblemException | InvalidSlugException e) {
      SiteForm failed = form.withError(e);
      response.setStatus(e instanceof ApiProblemException problem ? problem.status().value() : 400);
      model.addAttribute("form", failed);
      model.addAttribute(
          "slugCheck",
          failed.error("slug") != null
              ? new SiteForm.SlugCheck("", null)
              : form.checkSlug(takenSlugs(actor)));
      return "sites/wizard-name";
    }
  }

  @GetMapping("/{siteId}/setup/method")
  String method(
      Actor actor,
      @PathVariable UUID siteId,
      @RequestParam(required = false) String method,
      Model model) {
    addSite(model, actor, siteId, method);
    return "sites/wizard-method";
  }

  @GetMapping("/{siteId}/setup/bundle")
  String bundle(
      Actor actor,
      @PathVariable UUID siteId,
      @RequestParam(required = false) String method,
      Model model) {
    addSite(model, actor, siteId, method);
    return "sites/wizard-bundle";
  }

  /**
   * A one-time token in the install.sh line (and the {@code serviceradar-edge enroll} line); only
   * its hash is stored, so this answer is the one place it appears.
   */
  @PostMapping("/{siteId}/setup/enrollment-token")
  String enrollmentToken(
      Actor actor,
      @PathVariable UUID siteId,
      @RequestParam(required = false) String method,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      Model model) {
    addSite(model, actor, siteId, method);
    OnboardingPackages.Issued issued =
        onboarding.issue(
            actor, OnboardingPackage.NATS_LEAF, siteId, OnboardingPackages.DEFAULT_LIFETIME);
    String api = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    model.addAttribute(
        "installLine",
        "curl -fsSL " + api + "/install.sh | sudo sh -s -- --token " + issued.token());
    model.addAttribute(
        "enrollLine", "serviceradar-edge enroll --api " + api + " --token " + issued.token());
    model.addAttribute("enrollExpires", issued.onboarding().expiresAt());
    return htmx != null ? "sites/wizard-bundle :: enroll" : "sites/wizard-bundle";
  }

  @GetMapping("/{siteId}/setup/connect")
  String connect(Actor actor, @PathVariable UUID siteId, Model model) {
    addSite(model, actor, siteId, null);
    addConnection(model, sites.find(actor, siteId), clock.instant().toEpochMilli());
    return "sites/wizard-connect";
  }

  /** Step 4's live part; {@code since} is when the admin opened the step (epoch ms). */
  @GetMapping("/{siteId}/setup/connection")
  String connection(Actor actor, @PathVariable UUID siteId, @RequestParam long since, Model model) {
    EdgeSite site = sites.find(actor, siteId);
    model.addAttribute("site", site);
    addConnection(model, site, since);
    return "sites/wizard-connect :: connection";
  }

  private void addConnection(Model model, EdgeSite site, long since) {
    boolean connected = site.leafServer().status() == LeafServerStatus.CONNECTED;
    Duration waited = Duration.between(Instant.ofEpochMilli(since), clock.instant());
    model.addAttribute("connected", connected);
    model.addAttribute("gaveUp", !connected && waited.compareTo(settings.connectionWait()) >= 0);
    model.addAttribute("since", since);
    model.addAttribute("waited", describe(settings.connectionWait()));
  }

  /** "5 minutes", "1 minute", "30 seconds". */
  static String describe(Duration wait) {
    long minutes = wait.toMinutes();
    if (minutes > 0) {
      return minutes + (minutes == 1 ? " minute" : " minutes");
    }
    long seconds = wait.toSeconds();
    return seconds + (seconds == 1 ? " second" : " seconds");
  }

  private void addSite(Model model, Actor actor, UUID siteId, String method) {
    EdgeSite site = sites.find(actor, siteId);
    model.addAttribute("site", site);
    model.addAttribute("methods", DeploymentMethod.values());
    model.addAttribute("method", DeploymentMethod.fromWireName(method));
    model.addAttribute("folder", EdgeSiteNames.bundleFolder(site.id()));
  }

  private Set<String> takenSlugs(Actor actor) {
    return sites.list(actor).stream().map(site -> site.slug().value()).collect(Collectors.toSet());
  }
}
