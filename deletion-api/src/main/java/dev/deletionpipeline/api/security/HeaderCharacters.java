package dev.deletionpipeline.api.security;

/**
 * What {@code StrictHttpFirewall} accepts in header names ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}) and values
 * (the same, and tabs), checked code point by code point.
 */
final class HeaderCharacters {

    private HeaderCharacters() {}

    static boolean validName(String name) {
        return assignedAndNotControl(name, false);
    }

    static boolean validValue(String value) {
        return assignedAndNotControl(value, true);
    }

    private static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
