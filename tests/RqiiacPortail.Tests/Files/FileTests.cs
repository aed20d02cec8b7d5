using System.IO.Compression;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Tests.Files;

public sealed class FileTests
{
    [Fact]
    public void Files_AreIdentifiedByTheirContent_NotTheirName()
    {
        Assert.Equal(FileInspector.Pdf, FileInspector.Identify(new MemoryStream(SampleFiles.Pdf("Grille"))));
        Assert.Equal(FileInspector.Docx, FileInspector.Identify(new MemoryStream(SampleFiles.Docx("Grille"))));
        Assert.Equal(FileInspector.Png, FileInspector.Identify(new MemoryStream(SampleFiles.Png())));
        Assert.Null(FileInspector.Identify(new MemoryStream(SampleFiles.Executable())));
        Assert.Null(FileInspector.Identify(new MemoryStream("#!/bin/sh\nrm -rf /"u8.ToArray())));
        Assert.Null(FileInspector.Identify(new MemoryStream([])));
    }

    [Fact]
    public void AnOrdinaryZip_IsNotTakenForAnOfficeFile()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("programme.exe").Open());
            writer.Write("MZ");
        }

        Assert.Null(FileInspector.Identify(stream));
    }

    [Fact]
    public void TextIsExtracted_FromPdfAndDocx()
    {
        var pdf = TextExtractor.Extract(new MemoryStream(SampleFiles.Pdf("Grille d'analyse du milieu", "Portrait du quartier", "Les aînés, l’œuvre – « été » (fête)")), FileInspector.Pdf);
        var docx = TextExtractor.Extract(new MemoryStream(SampleFiles.Docx("Guide de concertation", "Étapes de mobilisation")), FileInspector.Docx);

        Assert.Contains("Grille d'analyse du milieu", pdf);
        Assert.Contains("Portrait du quartier", pdf);
        Assert.Contains("Les aînés, l’œuvre – « été » (fête)", pdf);
        Assert.Contains("Étapes de mobilisation", docx);
    }

    [Fact]
    public void TextIsExtracted_FromXlsxPptxAndOdt()
    {
        Assert.Contains("Budget des cuisines collectives", TextExtractor.Extract(new MemoryStream(Xlsx("Budget des cuisines collectives")), FileInspector.Xlsx));
        Assert.Contains("Étapes de la mobilisation", TextExtractor.Extract(new MemoryStream(Pptx("Étapes de la mobilisation")), FileInspector.Pptx));
        Assert.Contains("Portrait des aînés", TextExtractor.Extract(new MemoryStream(Odt("Portrait des aînés")), FileInspector.Odt));
        Assert.Equal(FileInspector.Xlsx, FileInspector.Identify(new MemoryStream(Xlsx("x"))));
        Assert.Equal(FileInspector.Pptx, FileInspector.Identify(new MemoryStream(Pptx("x"))));
        Assert.Equal(FileInspector.Odt, FileInspector.Identify(new MemoryStream(Odt("x"))));
    }

    [Fact]
    public void TextIsExtracted_FromWordTables_AndFromSpreadsheetCells()
    {
        var docx = TextExtractor.Extract(new MemoryStream(DocxWithTable("Besoins prioritaires", "Logement abordable")), FileInspector.Docx);
        Assert.Contains("Besoins prioritaires", docx);
        Assert.Contains("Logement abordable", docx);

        var xlsx = TextExtractor.Extract(new MemoryStream(Xlsx("Budget", inlineCell: "Répondante : Mireille", numberCell: "4505550123")), FileInspector.Xlsx);
        Assert.Contains("Budget", xlsx);
        Assert.Contains("Répondante : Mireille", xlsx);
        Assert.Contains("4505550123", xlsx);
    }

    private static byte[] DocxWithTable(string heading, string cellText)
    {
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            static W.Paragraph Line(string text) => new(new W.Run(new W.Text(text)));
            document.AddMainDocumentPart().Document = new W.Document(new W.Body(Line(heading), new W.Table(new W.TableRow(new W.TableCell(Line(cellText))))));
        }
        return stream.ToArray();
    }

    private static byte[] Xlsx(string text, string? inlineCell = null, string? numberCell = null)
    {
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook(new S.Sheets());
            var strings = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.SharedStringTablePart>();
            strings.SharedStringTable = new S.SharedStringTable(
                new S.SharedStringItem(new S.Text(text)));
            if (inlineCell is not null || numberCell is not null) AddSheet(workbook, inlineCell, numberCell);
        }
        return stream.ToArray();
    }

    private static void AddSheet(DocumentFormat.OpenXml.Packaging.WorkbookPart workbook, string? inlineCell, string? numberCell)
    {
        var sheet = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
        var row = new S.Row(
            new S.Cell(new S.CellValue("0")) { CellReference = "A1", DataType = S.CellValues.SharedString },
            new S.Cell(new S.InlineString(new S.Text(inlineCell ?? ""))) { CellReference = "B1", DataType = S.CellValues.InlineString },
            new S.Cell(new S.CellValue(numberCell ?? "0")) { CellReference = "C1" });
        sheet.Worksheet = new S.Worksheet(new S.SheetData(row));
        workbook.Workbook.Sheets!.Append(new S.Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Feuille1" });
    }

    private static byte[] Pptx(string text)
    {
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.PresentationDocument.Create(stream, DocumentFormat.OpenXml.PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            presentation.Presentation = new DocumentFormat.OpenXml.Presentation.Presentation();
            var slide = presentation.AddNewPart<DocumentFormat.OpenXml.Packaging.SlidePart>();
            slide.Slide = new DocumentFormat.OpenXml.Presentation.Slide(new DocumentFormat.OpenXml.Presentation.CommonSlideData(
                new DocumentFormat.OpenXml.Presentation.ShapeTree(new DocumentFormat.OpenXml.Presentation.Shape(
                    new DocumentFormat.OpenXml.Presentation.TextBody(new DocumentFormat.OpenXml.Drawing.Paragraph(
                        new DocumentFormat.OpenXml.Drawing.Run(new DocumentFormat.OpenXml.Drawing.Text(text))))))));
        }
        return stream.ToArray();
    }

    private static byte[] Odt(string text)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var mimetype = new StreamWriter(zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open())) mimetype.Write("application/vnd.oasis.opendocument.text");
            using var content = new StreamWriter(zip.CreateEntry("content.xml").Open());
            content.Write($"<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text><text:p>{text}</text:p></office:text></office:body></office:document-content>");
        }
        return stream.ToArray();
    }

    [Fact]
    public void ADamagedDocument_YieldsNoText_RatherThanAnError()
    {
        var broken = SampleFiles.Pdf("texte")[..40];

        Assert.Equal("", TextExtractor.Extract(new MemoryStream(broken), FileInspector.Pdf));
    }

    [Theory]
    [InlineData("Écrire à marie.tremblay@cisss-lanaudiere.gouv.qc.ca pour s'inscrire.", "Adresse courriel")]
    [InlineData("Joindre Paul au 450 555-0199 poste 12.", "Numéro de téléphone")]
    [InlineData("Tél. : (514) 555-0134", "Numéro de téléphone")]
    [InlineData("Carte RAMQ : TREM 8501 1234", "Numéro d'assurance maladie")]
    [InlineData("NAS 046 454 286 de la participante", "Numéro d'assurance sociale")]
    [InlineData("Rencontre au 1250, rue Sainte-Catherine à Joliette", "Adresse civique")]
    [InlineData("Local situé au 45 boulevard de l'Industrie", "Adresse civique")]
    public void PersonalInformation_IsFound(string text, string kind)
    {
        var findings = PersonalInformation.Find(text, "résumé");

        Assert.Contains(findings, f => f.Kind == kind && f.Where == "résumé");
        Assert.DoesNotContain(findings, f => text.Contains(f.Excerpt) && f.Excerpt.Length > 6);
    }

    [Theory]
    [InlineData("Nous avons rejoint 125 organismes en 2024 dans 12 municipalités.")]
    [InlineData("Le budget de 123 456 789 $ n'est pas un NAS valide.")]
    [InlineData("Voir la section 3.2 du guide, pages 14 à 18.")]
    public void OrdinaryText_IsNotFlagged(string text) => Assert.Empty(PersonalInformation.Find(text, "résumé"));
}
