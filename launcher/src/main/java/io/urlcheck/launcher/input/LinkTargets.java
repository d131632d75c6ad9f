package io.urlcheck.launcher.input;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a link found in a document is sent as. An absolute link goes as written. A relative one is resolved
 * against {@code --base} joined with the document's folder (relative to the working directory), as a site
 * built from these files would serve it; without {@code --base} it goes as written, and the producer reports
 * it as {@code SKIPPED} ("relative link without --base"). Links that name no resource to fetch are left out:
 * {@code mailto:}, {@code tel:}, {@code javascript:}, {@code data:} and fragment-only {@code #section} links.
 */
public final class LinkTargets {

    /** Schemes that name no web resource: nothing to request, so nothing to check. */
    private static final Set<String> NOT_CHECKED = Set.of("mailto", "tel", "javascript", "data", "sms");

    private final URI base;
    private final Path workingDirectory;

    /** Targets resolved against {@code base} (null: relative links stay relative), documents read under {@code workingDirectory}. */
    public LinkTargets(URI base, Path workingDirectory) {
        this.base = base;
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** Parses {@code --base}: an absolute http(s) URL; a usage error otherwise. */
    public static URI parseBase(String base) {
        try {
            URI uri = new URI(base.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("--base must be an absolute http(s) URL, got '" + base + "'");
            }
            return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? uri.resolve("/") : uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--base is not a URL: " + e.getMessage(), e);
        }
    }

    /** The input to submit for {@code link} found in {@code document}, or empty when the link is not checked. */
    public Optional<String> target(String link, Path document) {
        String target = link.strip();
        if (target.isEmpty() || target.startsWith("#")) {
            return Optional.empty();
        }
        String scheme = scheme(target);
        if (scheme != null) {
            return NOT_CHECKED.contains(scheme) ? Optional.empty() : Optional.of(target);
        }
        return Optional.of(base == null ? target : resolve(target, document));
    }

    private String resolve(String target, Path document) {
        URI folder = base.resolve(folderOf(document));
        String reference = target.replace(" ", "%20");
        try {
            return folder.resolve(new URI(reference)).toString();
        } catch (URISyntaxException e) {
            // Not a valid reference: send it joined anyway, and the producer rejects it with its reason.
            return folder + reference;
        }
    }

    /** The document's folder relative to the working directory as a relative URL ending in '/'; "" outside it. */
    private String folderOf(Path document) {
        Path dir = document.toAbsolutePath().normalize().getParent();
        if (dir == null || !dir.startsWith(workingDirectory)) {
            return "";
        }
        Path relative = workingDirectory.relativize(dir);
        StringBuilder out = new StringBuilder();
        for (Path segment : relative) {
            if (!segment.toString().isEmpty()) {
                try {
                    out.append(new URI(null, null, segment.toString(), null).getRawPath()).append('/');
                } catch (URISyntaxException e) {
                    return "";
                }
            }
        }
        return out.toString();
    }

    /** The lower-case scheme of an absolute reference, or null for a relative one. */
    static String scheme(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == ':') {
                return i > 0 ? target.substring(0, i).toLowerCase(Locale.ROOT) : null;
            }
            boolean schemeChar = Character.isLetter(c) && c < 128 || i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.');
            if (!schemeChar) {
                return null;
            }
        }
        return null;
    }
}
