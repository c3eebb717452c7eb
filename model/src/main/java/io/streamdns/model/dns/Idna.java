package io.streamdns.model.dns;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.IDNA;
import com.ibm.icu.text.Normalizer2;
import java.util.EnumSet;
import java.util.Set;

/**
 * UTS #46 / IDNA2008 processing of internationalized names (nontransitional, CheckBidi, CheckJoiners, context rules),
 * the one place where a name that is not plain ASCII becomes punycode. A name is accepted only when its normal form
 * is what the object literally asked for, up to case: a mapping that would publish another name than the one a
 * reviewer reads (fullwidth letters, invisible characters, compatibility forms, dot look-alikes, decomposed accents)
 * is refused with the reason.
 */
final class Idna {
    // Thread-safe and immutable (ICU). No USE_STD3_RULES: '_' and '*' pass here and DnsNames' label rules decide.
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.CHECK_CONTEXTO);
    // The UTS #46 mapping (with NFC) of one character, to name what changed.
    private static final Normalizer2 MAPPING = Normalizer2.getInstance(null, "uts46", Normalizer2.Mode.COMPOSE);
    private static final int SHOWN = 100;
    private static final int ZWJ = 0x200D;
    private static final int ZWNJ = 0x200C;

    private Idna() {
    }

    /** The Unicode form of an ASCII name ({@code xn--} labels decoded), as external-dns's filters compare names. */
    static String toUnicode(String ascii) {
        if (!applies(ascii)) {
            return ascii;
        }
        StringBuilder out = new StringBuilder();
        UTS46.nameToUnicode(ascii, out, new IDNA.Info());
        return out.toString();
    }

    /** True when the name needs this processing: non-ASCII, or a punycode label to verify. */
    static boolean applies(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7f) {
                return true;
            }
            if ((i == 0 || name.charAt(i - 1) == '.') && name.regionMatches(true, i, "xn--", 0, 4)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ASCII (punycode) form of {@code literal} (stripped, without its trailing dot), or the reason it is refused.
     * Length and LDH rules of the ASCII form are left to the caller.
     */
    static NameCheck toAscii(String literal) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder unicode = new StringBuilder();
        IDNA.Info asciiInfo = new IDNA.Info();
        IDNA.Info unicodeInfo = new IDNA.Info();
        UTS46.nameToASCII(literal, ascii, asciiInfo);
        UTS46.nameToUnicode(literal, unicode, unicodeInfo);
        Set<IDNA.Error> errors = EnumSet.noneOf(IDNA.Error.class);
        errors.addAll(asciiInfo.getErrors());
        errors.addAll(unicodeInfo.getErrors());
        // lengths are checked on the ASCII form by the caller, with its own wording
        errors.remove(IDNA.Error.LABEL_TOO_LONG);
        errors.remove(IDNA.Error.DOMAIN_NAME_TOO_LONG);
        if (errors.contains(IDNA.Error.HYPHEN_3_4) && onlyAsciiLabelsHaveHyphens34(literal)) {
            // the rule is for U-labels; a plain ASCII label beside one is judged as in an ASCII name
            errors.remove(IDNA.Error.HYPHEN_3_4);
        }
        if (!errors.isEmpty()) {
            return NameCheck.invalid(describe(errors, literal));
        }
        String[] in = literal.split("\\.", -1);
        String[] outUnicode = unicode.toString().split("\\.", -1);
        String[] outAscii = ascii.toString().split("\\.", -1);
        if (in.length != outUnicode.length || in.length != outAscii.length) {
            return NameCheck.invalid(changed(literal, unicode.toString()));
        }
        for (int i = 0; i < in.length; i++) {
            boolean asciiLabel = isAscii(in[i]);
            String got = asciiLabel ? outAscii[i] : outUnicode[i];
            if (!got.equals(foldCase(in[i]))) {
                return NameCheck.invalid(changed(literal, asciiLabel ? ascii.toString() : unicode.toString()));
            }
        }
        return NameCheck.valid(ascii.toString());
    }

    /**
     * Case folding a reviewer sees: ASCII letters, and a non-ASCII capital whose small letter is non-ASCII and
     * capitalises back to it (Ü → ü). Not the Kelvin sign (→ k), the Ångström sign, capital sharp s, dotted İ.
     */
    private static String foldCase(String label) {
        StringBuilder sb = new StringBuilder(label.length());
        label.codePoints().forEach(cp -> sb.appendCodePoint(fold(cp)));
        return sb.toString();
    }

    private static int fold(int cp) {
        if (cp >= 'A' && cp <= 'Z') {
            return cp + ('a' - 'A');
        }
        if (cp > 0x7f && Character.isUpperCase(cp)) {
            int lower = Character.toLowerCase(cp);
            if (lower > 0x7f && lower != cp && Character.toUpperCase(lower) == cp) {
                return lower;
            }
        }
        return cp;
    }

    /** Why the normal form is another name: the first character whose mapping is not a visible case change. */
    private static String changed(String literal, String normal) {
        String what = null;
        for (int i = 0; i < literal.length() && what == null; ) {
            int cp = literal.codePointAt(i);
            i += Character.charCount(cp);
            String mapped = MAPPING.normalize(new String(Character.toChars(cp)));
            if (mapped.equals(new String(Character.toChars(fold(cp))))) {
                continue;
            }
            if (cp == ZWJ || cp == ZWNJ || mapped.isEmpty()) {
                what = "invisible character " + describe(cp) + " would vanish";
            } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
                what = "fullwidth characters (" + describe(cp) + ")";
            } else if (mapped.equals(".")) {
                what = describe(cp) + " would be read as a dot";
            } else {
                what = describe(cp) + " would become '" + shown(mapped) + "'";
            }
        }
        if (what == null) {
            int mark = firstMark(literal);
            what = "not in Unicode normal form NFC (a letter written with a combining mark"
                    + (mark < 0 ? "" : ", " + describe(mark)) + ")";
        }
        return what + ": mapped to a different name: '" + shown(literal) + "' → '" + shown(normal) + "'";
    }

    private static String describe(Set<IDNA.Error> errors, String literal) {
        String name = "'" + shown(literal) + "'";
        if (errors.contains(IDNA.Error.CONTEXTJ)) {
            if (literal.indexOf(ZWJ) >= 0) {
                return "zero-width joiner (U+200D) not allowed here in " + name;
            }
            return "zero-width non-joiner (U+200C) not allowed here in " + name;
        }
        if (errors.contains(IDNA.Error.DISALLOWED)) {
            int bad = firstDisallowed(literal);
            return (bad < 0 ? "a character" : describe(bad)) + " is not allowed in a name (IDNA2008) in " + name;
        }
        if (errors.contains(IDNA.Error.PUNYCODE) || errors.contains(IDNA.Error.INVALID_ACE_LABEL)) {
            return "invalid punycode (xn--) label (not the A-label of a valid IDNA2008 name) in " + name;
        }
        if (errors.contains(IDNA.Error.BIDI)) {
            return "right-to-left text that breaks the bidi rule (RFC 5893) in " + name;
        }
        if (errors.contains(IDNA.Error.CONTEXTO_DIGITS)) {
            return "Arabic-Indic and extended Arabic-Indic digits mixed in " + name;
        }
        if (errors.contains(IDNA.Error.CONTEXTO_PUNCTUATION)) {
            return "punctuation not allowed in this context (RFC 5892) in " + name;
        }
        if (errors.contains(IDNA.Error.LEADING_COMBINING_MARK)) {
            return "a label starts with a combining mark in " + name;
        }
        if (errors.contains(IDNA.Error.EMPTY_LABEL)) {
            return "empty label in " + name;
        }
        if (errors.contains(IDNA.Error.HYPHEN_3_4)) {
            return "hyphens in the third and fourth positions are reserved in " + name;
        }
        if (errors.contains(IDNA.Error.LEADING_HYPHEN) || errors.contains(IDNA.Error.TRAILING_HYPHEN)) {
            return "a label starts or ends with a hyphen in " + name;
        }
        return "not a valid internationalized name " + name + ": " + errors;
    }

    /**
     * True when no U-label (nor the decoded form of an A-label) has hyphens in the third and fourth positions: the
     * error then comes from plain ASCII labels only, which DnsNames' own label rules judge.
     */
    private static boolean onlyAsciiLabelsHaveHyphens34(String literal) {
        for (String label : literal.split("\\.", -1)) {
            if (isAscii(label) && !label.regionMatches(true, 0, "xn--", 0, 4)) {
                continue;
            }
            IDNA.Info info = new IDNA.Info();
            UTS46.labelToUnicode(label, new StringBuilder(), info);
            if (info.getErrors().contains(IDNA.Error.HYPHEN_3_4)) {
                return false;
            }
        }
        return true;
    }

    private static int firstMark(String s) {
        return s.codePoints().filter(cp -> Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK
                || Character.getType(cp) == Character.ENCLOSING_MARK).findFirst().orElse(-1);
    }

    private static int firstDisallowed(String literal) {
        for (int i = 0; i < literal.length(); ) {
            int cp = literal.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '.') {
                continue;
            }
            IDNA.Info info = new IDNA.Info();
            UTS46.labelToUnicode(new String(Character.toChars(cp)), new StringBuilder(), info);
            if (info.getErrors().contains(IDNA.Error.DISALLOWED)) {
                return cp;
            }
        }
        return -1;
    }

    /** A character as a reviewer can read it in a log line or an Event: itself when printable, and its code. */
    static String describe(int cp) {
        String code = String.format("U+%04X", cp);
        String name = UCharacter.getName(cp);
        String label = name == null || name.isEmpty() ? code : code + " " + name;
        return isPrintable(cp) ? "'" + new String(Character.toChars(cp)) + "' (" + label + ")" : label;
    }

    /**
     * The text with invisible and control characters spelled as \\uXXXX, so a log shows what the object holds; at
     * most {@value SHOWN} characters.
     */
    static String shown(String s) {
        if (s.codePointCount(0, s.length()) > SHOWN) {
            return shown(s.substring(0, s.offsetByCodePoints(0, SHOWN))) + "…";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (isPrintable(cp)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(String.format("\\u%04X", cp));
            }
        });
        return sb.toString();
    }

    private static boolean isPrintable(int cp) {
        int type = Character.getType(cp);
        return !(type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (type == Character.SPACE_SEPARATOR && cp != ' ')
                || Character.isIdentifierIgnorable(cp));
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
