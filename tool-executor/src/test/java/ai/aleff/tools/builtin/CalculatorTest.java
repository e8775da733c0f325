package ai.aleff.tools.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.aleff.tools.service.ToolException;

class CalculatorTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '=', value = {"2*(3+4) = 14", "2+3*4 = 14", "(2+3)*4 = 20", "10-4-3 = 3",
            "100/10/5 = 2", "2^3^2 = 512", "(2^3)^2 = 64", "-2^2 = -4", "(-2)^2 = 4", "2^-2 = 0.25", "--3 = 3",
            "-(-(4)) = 4", "3*-2 = -6", "+5 = 5", "0.1+0.2 = 0.3", "1.50*2 = 3", ".5+.5 = 1", "10 % 4 = 2",
            "-7 % 3 = -1", "7.5 % 2 = 1.5", "1/3 = 0.3333333333333333", "2.000 = 2", "0*-1 = 0",
            "  1 +\t2  = 3", "2^0 = 1", "1000000*1000000 = 1000000000000"})
    void evaluatesWithPrecedenceAndAssociativity(String expression, String expected) {
        // Given an expression, When it is evaluated, Then the plain decimal result is exact to DECIMAL64
        assertThat(Calculator.evaluate(expression.strip())).isEqualTo(expected);
    }

    @Test
    void largeIntegerResultIsPrintedPlainNotInScientificNotation() {
        // Given a power with many digits, When evaluated, Then the result is a plain string rounded to 16 digits
        assertThat(Calculator.evaluate("10^20")).isEqualTo("100000000000000000000");
        assertThat(Calculator.evaluate("2^100")).isEqualTo("1267650600228229000000000000000");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"1/0 | division by zero at position 3", "5 % (2-2) | division by zero",
            "0^-1 | division by zero", "2+ | syntax error at position 3", "(1+2 | syntax error at position 5",
            "1+2) | syntax error at position 4: unexpected ')'", "2 3 | syntax error at position 3",
            "abc | syntax error at position 1", "1.+2 | syntax error at position 1",
            "2^0.5 | must be a whole number", "2**3 | syntax error at position 3",
            "Math.exit(0) | syntax error at position 1", "٣+1 | syntax error at position 1"})
    void rejectsInvalidExpressionsWithAClearMessage(String expression, String message) {
        // Given an invalid expression, When evaluated, Then a ToolException says what is wrong and where
        assertThatThrownBy(() -> Calculator.evaluate(expression.strip())).isInstanceOf(ToolException.class)
                .hasMessageContaining(message.strip());
    }

    @Test
    void rejectsEmptyExpression() {
        // Given nothing to evaluate, When evaluated, Then it is refused
        assertThatThrownBy(() -> Calculator.evaluate("   ")).isInstanceOf(ToolException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void acceptsNestingUpToTheLimitAndRejectsDeeper() {
        // Given parentheses nested exactly to the limit, When evaluated, Then it works
        assertThat(Calculator.evaluate("(".repeat(100) + "7" + ")".repeat(100))).isEqualTo("7");
        // Given one level more (or thousands), When evaluated, Then it is refused without a stack overflow
        assertThatThrownBy(() -> Calculator.evaluate("(".repeat(101) + "7" + ")".repeat(101)))
                .isInstanceOf(ToolException.class).hasMessageContaining("deeper than 100");
        assertThatThrownBy(() -> Calculator.evaluate("(".repeat(999) + "1")).isInstanceOf(ToolException.class)
                .hasMessageContaining("deeper than 100");
        assertThatThrownBy(() -> Calculator.evaluate("-".repeat(999) + "1")).isInstanceOf(ToolException.class)
                .hasMessageContaining("deeper than 100");
        assertThatThrownBy(() -> Calculator.evaluate("2" + "^2".repeat(200))).isInstanceOf(ToolException.class)
                .hasMessageContaining("deeper than 100");
    }

    @Test
    void boundsExponentsAndResultSize() {
        // Given exponents at and beyond the limit, When evaluated, Then the limit is enforced
        assertThat(Calculator.evaluate("1^1000")).isEqualTo("1");
        assertThatThrownBy(() -> Calculator.evaluate("2^1001")).isInstanceOf(ToolException.class)
                .hasMessageContaining("between -1000 and 1000");
        assertThatThrownBy(() -> Calculator.evaluate("2^99999999999")).isInstanceOf(ToolException.class)
                .hasMessageContaining("between -1000 and 1000");
        // Given results whose plain form would be enormous, When evaluated, Then they are refused quickly
        assertThatThrownBy(() -> Calculator.evaluate("10^1000*10^1000")).isInstanceOf(ToolException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> Calculator.evaluate("((9^1000)^1000)^1000")).isInstanceOf(ToolException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> Calculator.evaluate("0.1^1000*0.1^1000")).isInstanceOf(ToolException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void rejectsInputLongerThanTheLimit() {
        // Given 1000 characters, When evaluated, Then it works; Given 1001, Then it is refused before parsing
        String ok = "1" + "+1".repeat(499) + " ";
        assertThat(ok).hasSize(1000);
        assertThat(Calculator.evaluate(ok)).isEqualTo("500");
        assertThatThrownBy(() -> Calculator.evaluate(ok + "1")).isInstanceOf(ToolException.class)
                .hasMessageContaining("longer than 1000");
    }
}
