/**
 * Authoring private exercises: {@code grader new} writes a scaffold from the template files bundled under
 * {@code authoring/scaffold/}, or a renamed copy of a built-in exercise. Depends on {@code exercise}, {@code workspace}.
 */
package dev.grader.authoring;
