package ai.aleff.tools.builtin;

import java.math.BigDecimal;
import java.math.MathContext;

import ai.aleff.tools.service.ToolException;

/**
 * Evaluates arithmetic with a recursive-descent parser (no script engine, so no code can ever run). Grammar:
 *
 * <pre>
 * expression = term { ("+" | "-") term }
 * term       = unary { ("*" | "/" | "%") unary }
 * unary      = "-" unary | "+" unary | power
 * power      = primary [ "^" unary ]          (right-associative; integer exponents, |n| &lt;= 1000)
 * primary    = number | "(" expression ")"
 * </pre>
 *
 * Arithmetic is {@link MathContext#DECIMAL64}. Input length, nesting depth, exponents and the size of the printed
 * result are bounded, so hostile input costs little.
 */
public final class Calculator {

    public static final int MAX_LENGTH = 1000;
    public static final int MAX_DEPTH = 100;
    public static final int MAX_EXPONENT = 1000;
    /** Largest decimal exponent of a result, so its plain-string form stays short. */
    static final int MAX_RESULT_MAGNITUDE = 1000;
    private static final MathContext MATH = MathContext.DECIMAL64;

    private final String input;
    private int pos;
    private int depth;

    private Calculator(String input) {
        this.input = input;
    }

    /** The value of the expression as a plain decimal string without trailing zeros. */
    public static String evaluate(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new ToolException("the expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new ToolException("the expression is longer than " + MAX_LENGTH + " characters");
        }
        Calculator calculator = new Calculator(expression);
        BigDecimal value;
        try {
            value = calculator.expression();
        } catch (ArithmeticException e) {
            throw new ToolException("the result is out of range");
        }
        calculator.skipSpaces();
        if (calculator.pos < expression.length()) {
            throw calculator.syntaxError("unexpected '" + expression.charAt(calculator.pos) + "'");
        }
        return format(value);
    }

    private static String format(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.signum() == 0) {
            return "0";
        }
        int magnitude = stripped.precision() - stripped.scale();
        if (magnitude > MAX_RESULT_MAGNITUDE || magnitude < -MAX_RESULT_MAGNITUDE) {
            throw new ToolException("the result is out of range (more than " + MAX_RESULT_MAGNITUDE + " digits)");
        }
        return stripped.toPlainString();
    }

    private BigDecimal expression() {
        BigDecimal value = term();
        while (true) {
            if (accept('+')) {
                value = value.add(term(), MATH);
            } else if (accept('-')) {
                value = value.subtract(term(), MATH);
            } else {
                return value;
            }
        }
    }

    private BigDecimal term() {
        BigDecimal value = unary();
        while (true) {
            if (accept('*')) {
                value = value.multiply(unary(), MATH);
            } else if (accept('/')) {
                int at = pos;
                BigDecimal divisor = unary();
                requireNonZero(divisor, at);
                value = value.divide(divisor, MATH);
            } else if (accept('%')) {
                int at = pos;
                BigDecimal divisor = unary();
                requireNonZero(divisor, at);
                value = remainder(value, divisor);
            } else {
                return value;
            }
        }
    }

    private BigDecimal unary() {
        if (accept('-')) {
            return nested(() -> unary().negate(MATH));
        }
        if (accept('+')) {
            return nested(this::unary);
        }
        return power();
    }

    private BigDecimal power() {
        BigDecimal base = primary();
        if (!accept('^')) {
            return base;
        }
        int at = pos;
        BigDecimal exponent = nested(this::unary);
        return pow(base, exponent, at);
    }

    private BigDecimal primary() {
        skipSpaces();
        if (accept('(')) {
            int open = pos;
            BigDecimal value = nested(this::expression);
            if (!accept(')')) {
                throw syntaxError("missing ')' for '(' at position " + open);
            }
            return value;
        }
        return number();
    }

    private BigDecimal number() {
        skipSpaces();
        int start = pos;
        while (pos < input.length() && isAsciiDigit(input.charAt(pos))) {
            pos++;
        }
        if (pos < input.length() && input.charAt(pos) == '.') {
            pos++;
            int fraction = pos;
            while (pos < input.length() && isAsciiDigit(input.charAt(pos))) {
                pos++;
            }
            if (fraction == pos) {
                pos = start;
                throw syntaxError("a decimal point must be followed by digits");
            }
        }
        if (start == pos) {
            throw syntaxError(pos < input.length()
                    ? "expected a number or '(' but found '" + input.charAt(pos) + "'"
                    : "expected a number or '(' but the expression ended");
        }
        return new BigDecimal(input.substring(start, pos), MATH);
    }

    private BigDecimal pow(BigDecimal base, BigDecimal exponent, int at) {
        int n;
        try {
            n = exponent.stripTrailingZeros().intValueExact();
        } catch (ArithmeticException e) {
            throw new ToolException("the exponent at position " + (at + 1) + " must be a whole number between -"
                    + MAX_EXPONENT + " and " + MAX_EXPONENT);
        }
        if (Math.abs(n) > MAX_EXPONENT) {
            throw new ToolException("the exponent at position " + (at + 1) + " must be a whole number between -"
                    + MAX_EXPONENT + " and " + MAX_EXPONENT);
        }
        if (n < 0 && base.signum() == 0) {
            throw new ToolException("division by zero (zero to a negative power)");
        }
        return base.pow(n, MATH);
    }

    private static BigDecimal remainder(BigDecimal value, BigDecimal divisor) {
        try {
            return value.remainder(divisor, MATH);
        } catch (ArithmeticException e) {
            // The integer quotient needs more digits than DECIMAL64 holds, so the remainder would be meaningless.
            throw new ToolException("the remainder cannot be computed precisely for numbers this far apart");
        }
    }

    private void requireNonZero(BigDecimal divisor, int at) {
        if (divisor.signum() == 0) {
            throw new ToolException("division by zero at position " + (at + 1));
        }
    }

    /** Every level of parentheses, unary sign or exponent counts as nesting, which bounds the parser's stack. */
    private BigDecimal nested(java.util.function.Supplier<BigDecimal> inner) {
        if (++depth > MAX_DEPTH) {
            throw new ToolException("the expression nests deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return inner.get();
        } finally {
            depth--;
        }
    }

    private boolean accept(char c) {
        skipSpaces();
        if (pos < input.length() && input.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private ToolException syntaxError(String message) {
        return new ToolException("syntax error at position " + (pos + 1) + ": " + message);
    }
}
